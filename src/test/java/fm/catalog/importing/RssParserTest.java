package fm.catalog.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RssParserTest {

    @Test
    void shouldReadDurationsAsSecondsOrClockTimes() {
        assertEquals(2400, RssParser.duration("2400"));
        assertEquals(3723, RssParser.duration(" 1:02:03 "));
        assertEquals(125, RssParser.duration("2:05"));
        assertNull(RssParser.duration("about an hour"));
        assertNull(RssParser.duration(""));
    }

    @Test
    void shouldNotWrapDurationsTooLargeToHold() {
        assertNull(RssParser.duration("99999999999"));
        assertNull(RssParser.duration("999999:00:00"));
    }
}
