package fm.catalog.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fm.catalog.common.problem.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void shouldStopReadingAFeedWithTooManyItems() {
        StringBuilder feed = new StringBuilder("<rss version=\"2.0\"><channel>");
        for (int i = 0; i <= RssParser.MAX_ITEMS; i++) {
            feed.append("<item><guid>g").append(i).append("</guid></item>");
        }
        feed.append("</channel></rss>");
        AtomicInteger seen = new AtomicInteger();
        ApiException refused = assertThrows(ApiException.class, () -> RssParser.parse(
                new ByteArrayInputStream(feed.toString().getBytes(StandardCharsets.UTF_8)), item -> seen.incrementAndGet()));
        assertEquals(400, refused.type.status);
        assertEquals(RssParser.MAX_ITEMS, seen.get(), "no item past the limit is handed on");
    }
}
