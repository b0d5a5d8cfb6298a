package fm.catalog.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.common.slug.Slugs;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void shouldFoldAccentsAndKeepLettersDigitsAndSingleDashes() {
        assertEquals("cafe-creme-a-la-francaise", Slugs.from("Café Crème à la Française!", "topic"));
        assertEquals("kevin-goldsmith", Slugs.from("  Kevin   Goldsmith ", "guest"));
        assertEquals("episode-198-my-favorite-mistake", Slugs.from("Episode 198: My Favorite Mistake", "episode"));
    }

    @Test
    void shouldNeverLookLikeAnId() {
        assertEquals("episode-198", Slugs.from("198", "episode"));
        assertEquals("guest-2024-1", Slugs.from("2024/1", "guest"));
        assertEquals("no-5", Slugs.from("№ 5", "guest"));
        assertEquals("topic", Slugs.from("!!!", "topic"));
        assertEquals("link", Slugs.from(null, "link"));
    }
}
