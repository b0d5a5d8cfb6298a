package fm.catalog.common.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The shapes IdList gives Hibernate: few distinct query strings, every id bound, none that matches a row for no ids. */
class IdListTest {

    @Test
    void shouldPadToThePowerOfTwoByRepeatingTheLastId() {
        IdList three = IdList.of(List.of(7L, 3L, 9L));
        assertEquals("e.id in (?1, ?2, ?3, ?4)", three.in("e.id"));
        assertArrayEquals(new Object[] {7L, 3L, 9L, 9L}, three.values());

        IdList one = IdList.of(List.of(42L));
        assertEquals("id = ?1", one.in("id"));
        assertArrayEquals(new Object[] {42L}, one.values());
    }

    @Test
    void shouldGiveOneQueryStringPerPowerOfTwo() {
        // pages of 1 to 100 items (the largest limit) share 8 query strings
        long shapes = LongStream.rangeClosed(1, 100)
                .mapToObj(n -> IdList.of(LongStream.rangeClosed(1, n).boxed().toList()).in("id")).distinct().count();
        assertEquals(8, shapes);
        IdList full = IdList.of(LongStream.rangeClosed(1, IdList.MAX_PADDED).boxed().toList());
        assertEquals(IdList.MAX_PADDED, full.values().length);
        assertEquals("?" + IdList.MAX_PADDED + ")", full.in("id").substring(full.in("id").lastIndexOf(' ') + 1));
    }

    @Test
    void shouldMatchNothingForNoIds() {
        IdList none = IdList.of(List.of());
        assertEquals("id = ?1", none.in("id"));
        assertArrayEquals(new Object[] {0L}, none.values());
    }

    @Test
    void shouldBindALongListAsOneCollection() {
        List<Long> ids = LongStream.rangeClosed(1, IdList.MAX_PADDED + 1).boxed().toList();
        IdList many = IdList.of(ids);
        assertEquals("id in ?1", many.in("id"));
        assertArrayEquals(new Object[] {ids}, many.values());
    }
}
