package fm.catalog.importing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import fm.catalog.common.persistence.Jdbc;
import fm.catalog.common.slug.Ref;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Large imports compute the text part of their search documents ahead, on another connection. The
 * documents they store must be exactly those the catalog builds from the rows (refresh_episode_search),
 * and the work ahead must really be used.
 */
@QuarkusTest
class SearchDocumentsTest {
    static final int EPISODES = 120;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    SearchDocuments searchDocuments;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @Test
    void shouldStoreTheDocumentsTheCatalogWouldBuildWhetherComputedAheadOrInline() throws SQLException {
        String show = Fixtures.show().getString("slug");
        String known = Fixtures.guest("Known Searchable Guest").getString("slug");
        String word = "marmalade" + Fixtures.unique("w").replaceAll("[^a-z]", "");

        double ahead = count("ahead");
        double inline = count("inline");
        post(show, items(known, word, "first telling"), 200).body("created", equalTo(EPISODES));
        assertComputedAhead(EPISODES, ahead, inline);
        assertDocumentsAreThoseTheCatalogBuilds(show);
        given().queryParam("q", word + " first").queryParam("count", true).get("/v1/episodes").then().body("total", equalTo(EPISODES));
        given().queryParam("q", "Searchable").queryParam("show", show).queryParam("count", true).get("/v1/episodes")
                .then().body("total", equalTo(EPISODES));

        // updates take the same way; the first episode fails, so the written ones are not the batch's first indexes
        List<Map<String, Object>> second = items(known, word, "second telling");
        second.get(0).put("title", " ");
        ahead = count("ahead");
        inline = count("inline");
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", second, "atomic", false))
                .post("/v1/imports/episodes").then().statusCode(200).body("updated", equalTo(EPISODES - 1)).body("failed", equalTo(1));
        assertComputedAhead(EPISODES - 1, ahead, inline);
        assertDocumentsAreThoseTheCatalogBuilds(show);

        // the same texts again, with other durations: updated, but nothing was worth computing ahead
        List<Map<String, Object>> third = items(known, word, "second telling");
        third.get(0).put("title", " ");
        third.forEach(item -> item.put("durationSeconds", 999));
        ahead = count("ahead");
        inline = count("inline");
        Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", third, "atomic", false))
                .post("/v1/imports/episodes").then().statusCode(200).body("updated", equalTo(EPISODES - 1));
        assertEquals(0, count("ahead") - ahead, 0.0, "computed ahead");
        assertEquals(EPISODES - 1, count("inline") - inline, 0.0, "computed by the insert");
        assertDocumentsAreThoseTheCatalogBuilds(show);

        // a small import computes them in its insert
        inline = count("inline");
        post(show, items(known, word, "third telling").subList(0, 3), 200).body("updated", equalTo(3));
        assertEquals(3, count("inline") - inline, 0.0);
        assertDocumentsAreThoseTheCatalogBuilds(show);
    }

    @Test
    void shouldBuildDocumentsExactlyAsTheFirstSchemaDid() throws SQLException {
        // V1's episode_document(), written out: V3 only cut it in parts
        String v1 = "setweight(to_tsvector('english', coalesce(t, '')), 'A') || setweight(to_tsvector('english', coalesce(g, '')), 'A')"
                + " || setweight(to_tsvector('english', coalesce(s, '')), 'B') || setweight(to_tsvector('english', coalesce(tp, '')), 'B')"
                + " || setweight(to_tsvector('english', coalesce(c, '')), 'C') || setweight(to_tsvector('english', coalesce(d, '')), 'D')";
        try (Connection c = dataSource.getConnection();
             PreparedStatement query = c.prepareStatement("select count(*) filter (where episode_document(t, g, s, tp, c, d) = " + v1 + "), count(*) "
                     + "from (values ('My favorite mistake', 'Mark Graban Kevin Goldsmith', 'Lessons', 'Leadership', 'Intro Questions', "
                     + "'Questions and topics from the conversation'), (null, null, null, null, null, null), ('Solo', '', null, 'Music', "
                     + "null, 'Only a description here')) as x(t, g, s, tp, c, d)");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            assertEquals(3, rs.getLong(2), "the three documents above");
            assertEquals(3, rs.getLong(1), "built alike by both definitions");
        }
    }

    @Test
    void shouldComputeAFeedsDocumentsAheadWhileItIsRead() throws SQLException {
        String show = Fixtures.show().getString("slug");
        String word = "quince" + Fixtures.unique("w").replaceAll("[^a-z]", "");
        StringBuilder feed = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                + "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">"
                + "<channel><title>Feed</title>");
        for (int i = 0; i < EPISODES; i++) {
            // pieces start while the feed is read (the first hundred items) and when it ends (the rest)
            feed.append("<item><guid>feed-doc-").append(i).append("</guid><title>").append(i % 3 == 0 ? " " : "")
                    .append("Feed episode ").append(i).append(" about ").append(word).append("</title>")
                    .append("<pubDate>Mon, 16 Jan 2023 09:00:00 +0000</pubDate>")
                    .append(i % 2 == 0 ? "<itunes:summary>Summary of lesson " + i + "</itunes:summary>" : "")
                    .append("<description>Notes number ").append(i).append(", &quot;quoted&quot; once.</description>")
                    .append("<podcast:person role=\"guest\">Feed Guest ").append(i % 7).append("</podcast:person></item>");
        }
        feed.append("</channel></rss>");
        double ahead = count("ahead");
        double inline = count("inline");
        Fixtures.admin().contentType("application/rss+xml").body(feed.toString()).queryParam("show", show)
                .post("/v1/imports/rss").then().statusCode(200).body("created", equalTo(EPISODES));
        assertComputedAhead(EPISODES, ahead, inline);
        assertDocumentsAreThoseTheCatalogBuilds(show);
        given().queryParam("q", word).queryParam("count", true).get("/v1/episodes").then().body("total", equalTo(EPISODES));
    }

    @Test
    void shouldBeginAPieceAsSoonAsAHundredEpisodesAreIn() {
        SearchDocuments.Ahead ahead = searchDocuments.begin(Ref.parse(Fixtures.show().getString("slug")));
        try {
            for (int i = 0; i < SearchDocuments.CHUNK + 30; i++) {
                ahead.add(new SearchDocuments.Item("piece-" + i, new SearchDocuments.Texts("Piece " + i, null, "", null)));
            }
            // a feed's first hundred items are at work before the feed has been read to its end
            assertEquals(SearchDocuments.CHUNK, ahead.started());
            ahead.close();
            assertEquals(SearchDocuments.CHUNK + 30, ahead.started());
        } finally {
            ahead.abandon();
        }
    }

    @Test
    void shouldComputeNothingAheadForEpisodesTheShowHasWithTheSameTexts() throws SQLException {
        String show = Fixtures.show().getString("slug");
        String known = Fixtures.guest("Skip Guest").getString("slug");
        post(show, items(known, "skipword", "as stored"), 200);
        List<Map<String, Object>> again = items(known, "skipword", "as stored");
        again.get(1).put("description", "Other notes");
        again.get(2).put("chapters", Fixtures.chapters("Another chapter"));
        List<SearchDocuments.Texts> texts = again.stream().map(i -> SearchDocuments.Texts.of(json(i))).toList();
        List<String> guids = again.stream().map(i -> (String) i.get("guid")).toList();
        List<String> parts;
        try (Connection c = dataSource.getConnection()) {
            parts = textParts(c, Ref.parse(show), guids, texts);
            assertEquals(Collections.nCopies(EPISODES, true), textParts(c, Ref.parse("no-such-show-here"), guids, texts)
                    .stream().map(Objects::isNull).toList(), "no show by that ref: nothing computed");
        }
        assertNull(parts.get(0), "same texts: nothing to compute");
        assertNotNull(parts.get(1), "another description");
        assertNotNull(parts.get(2), "other chapters");
        assertEquals(EPISODES - 2, parts.stream().filter(Objects::isNull).count());
    }

    private static List<String> textParts(Connection c, Ref show, List<String> guids, List<SearchDocuments.Texts> texts) throws SQLException {
        return Jdbc.query(c, ImportSql.TEXT_PARTS, show.id(), show.slug(), guids,
                        texts.stream().map(SearchDocuments.Texts::title).toList(), texts.stream().map(SearchDocuments.Texts::summary).toList(),
                        texts.stream().map(SearchDocuments.Texts::chapters).toList(), texts.stream().map(SearchDocuments.Texts::description).toList())
                .stream().map(row -> (String) row[0]).toList();
    }

    /** An import item as the API reads it. */
    private ImportDtos.ImportItem json(Map<String, Object> item) {
        try {
            return mapper.convertValue(item, ImportDtos.ImportItem.class);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(e);
        }
    }

    /** Written episodes took their parts from the work ahead; at most one piece may have been left to the insert. */
    private void assertComputedAhead(int written, double aheadBefore, double inlineBefore) {
        double ahead = count("ahead") - aheadBefore;
        assertEquals(written, ahead + count("inline") - inlineBefore, 0.0, "every written episode is counted once");
        assertTrue(ahead >= written - SearchDocuments.CHUNK, "documents computed ahead: " + ahead + " of " + written);
    }

    private List<Map<String, Object>> items(String known, String word, String telling) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < EPISODES; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("guid", "doc-" + i);
            // titles are stored stripped: the work ahead must see them the same way
            item.put("title", (i % 3 == 0 ? "  " : "") + "Episode " + i + " of the mistakes series" + (i % 4 == 0 ? "  " : ""));
            item.put("status", "published");
            item.put("publishedAt", "2024-05-01T08:00:00Z");
            if (i % 2 == 0) {
                item.put("summary", "A summary about lesson " + i + " and its " + telling);
            }
            item.put("description", "Notes on " + word + " number " + i + ", the " + telling + ". " + "Quoted words \"like\" this. ".repeat(i % 5));
            item.put("guests", List.of(Map.of("ref", known, "role", "host"), Map.of("name", "Doc Guest " + (i % 7), "role", "guest")));
            item.put("topics", List.of(Map.of("name", "Doc Topic " + (i % 5))));
            if (i % 3 != 1) {
                item.put("chapters", Fixtures.chapters(" Opening ", "The " + telling));
            }
            items.add(item);
        }
        return items;
    }

    private io.restassured.response.ValidatableResponse post(String show, List<Map<String, Object>> items, int status) {
        return Fixtures.admin().contentType(ContentType.JSON).body(Map.of("show", show, "episodes", items))
                .post("/v1/imports/episodes").then().statusCode(status);
    }

    private double count(String computed) {
        // registered when the first import needs them
        var counter = registry.find("catalog.import.search.documents").tag("computed", computed).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The stored documents equal those refresh_episode_search() rebuilds from the rows. */
    private void assertDocumentsAreThoseTheCatalogBuilds(String show) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<Long, String> stored = documents(c, show);
            assertEquals(EPISODES, stored.size());
            try (PreparedStatement refresh = c.prepareStatement(
                    "select refresh_episode_search(array(select e.id from episodes e join shows s on s.id = e.show_id where s.slug = ?))")) {
                refresh.setString(1, show);
                refresh.execute();
            }
            Map<Long, String> rebuilt = documents(c, show);
            List<Long> differing = stored.keySet().stream().filter(id -> !stored.get(id).equals(rebuilt.get(id))).sorted().toList();
            assertEquals(List.of(), differing, "episodes whose stored document differs from the rebuilt one");
        }
    }

    private static Map<Long, String> documents(Connection c, String show) throws SQLException {
        Map<Long, String> documents = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement(
                "select e.id, e.search_vector::text from episodes e join shows s on s.id = e.show_id where s.slug = ?")) {
            query.setString(1, show);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    documents.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return documents;
    }
}
