package fm.catalog.feed;

import static io.restassured.RestAssured.given;

import fm.catalog.support.Fixtures;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** A show whose feed has every tag: guests of each role, links, chapters, and episodes that must stay out. */
final class FeedFixtures {
    private FeedFixtures() {
    }

    record Catalog(String show, List<JsonPath> published, JsonPath draft, JsonPath scheduled) {
    }

    static Catalog catalog() {
        String slug = Fixtures.unique("feed");
        Fixtures.create("shows", Map.of("slug", slug, "title", "Feed <Show> & Co", "description", "About feeds",
                "author", "Mark Graban", "imageUrl", "https://img.example.org/show.jpg", "language", "en",
                "categories", List.of("Business", "Technology"), "explicit", false, "websiteUrl", "https://show.example.org"));
        String host = guest("Host", "https://host.example.org", "https://img.example.org/host.jpg");
        String cohost = guest("Cohost", null, null);
        String guest = guest("Guest", "https://guest.example.org", "https://img.example.org/guest.jpg");
        String guestHost = guest("Guest Host", "https://gh.example.org", null);
        JsonPath full = Fixtures.episode(slug, Map.ofEntries(Map.entry("guid", "feed-198"), Map.entry("title", "Leveraging <Failure> & more"),
                Map.entry("summary", "Short text"), Map.entry("description", "<p>Long show notes</p>"),
                Map.entry("publishedAt", "2023-01-16T09:00:00Z"), Map.entry("number", 198), Map.entry("season", 2), Map.entry("type", "full"),
                Map.entry("durationSeconds", 2405), Map.entry("explicit", true), Map.entry("imageUrl", "https://img.example.org/198.jpg"),
                Map.entry("audio", Map.of("url", "https://audio.example.org/198.mp3", "mimeType", "audio/mpeg", "sizeBytes", 38000000)),
                Map.entry("guests", List.of(Fixtures.credit(host, "host"), Fixtures.credit(cohost, "cohost"),
                        Fixtures.credit(guest, "guest"), Fixtures.credit(guestHost, "guest-host"))),
                Map.entry("chapters", List.of(Map.of("title", "Questions and Topics"), Map.of("title", "Intro", "startTime", 0),
                        Map.of("title", "The story", "startTime", 95))),
                Map.entry("links", List.of(Map.of("kind", "video", "title", "Watch it", "url", "https://video.example.org/198"),
                        Map.of("kind", "transcript", "title", "Transcript", "url", "https://example.org/198.vtt")))));
        JsonPath trailer = Fixtures.episode(slug, Map.ofEntries(Map.entry("guid", "feed-trailer"), Map.entry("title", "Trailer"),
                Map.entry("type", "trailer"), Map.entry("publishedAt", "2022-12-01T08:30:00Z"), Map.entry("season", 1), Map.entry("number", 0),
                Map.entry("summary", "Coming soon"), Map.entry("description", "Soon"), Map.entry("durationSeconds", 60),
                Map.entry("audio", Map.of("url", "https://audio.example.org/trailer.mp3", "mimeType", "audio/x-m4a", "sizeBytes", 1200)),
                Map.entry("guests", List.of(Fixtures.credit(host, "host")))));
        JsonPath draft = Fixtures.episode(slug, Map.of("guid", "feed-draft", "title", "Draft", "status", "draft"));
        JsonPath scheduled = Fixtures.episode(slug, Map.of("guid", "feed-later", "title", "Later", "status", "scheduled",
                "publishedAt", "2099-01-01T00:00:00Z"));
        return new Catalog(slug, List.of(full, trailer), draft, scheduled);
    }

    static String guest(String role, String website, String image) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("slug", Fixtures.unique("guest"), "name", role + " " + Fixtures.unique("n")));
        if (website != null) body.put("websiteUrl", website);
        if (image != null) body.put("imageUrl", image);
        return Fixtures.create("guests", body).getString("slug");
    }

    static byte[] feed(String show) {
        return given().get("/feeds/" + show + ".xml").then().statusCode(200).contentType("application/rss+xml").extract().asByteArray();
    }
}
