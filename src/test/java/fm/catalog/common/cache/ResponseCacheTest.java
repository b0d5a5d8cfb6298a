package fm.catalog.common.cache;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import fm.catalog.support.Metrics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anonymous reads come from memory, and are never staler than the bounds the README gives: a write
 * shows at once on the instance that made it, a change made by any other session of the database
 * within a second, a scheduled episode when it falls due.
 */
@QuarkusTest
class ResponseCacheTest {

    @Inject
    SessionFactory sessionFactory;
    @Inject
    AgroalDataSource dataSource;

    private String show;

    @BeforeEach
    void newShow() throws Exception {
        show = Fixtures.show().getString("slug");
        waitUntilListening();
    }

    /** The listener connects in the background after startup; until then nothing is cached. */
    private void waitUntilListening() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!listenerConnected()) {
            assertTrue(System.nanoTime() < deadline, "the change listener never connected");
            Thread.sleep(20);
        }
        Thread.sleep(50);
    }

    private boolean listenerConnected() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where application_name = '"
                        + ChangeNotices.APPLICATION_NAME + "' and datname = current_database() and query like 'select " + ChangeNotices.MARKER + "%'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private long statements(Runnable request) {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        request.run();
        return statistics.getPrepareStatementCount();
    }

    private void sql(String sql, Object... parameters) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.execute();
        }
    }

    /** Polls an anonymous GET until it shows what is expected; answers the milliseconds it took. */
    private long millisUntil(String path, Predicate<Response> fresh, long limitMillis) throws Exception {
        long start = System.nanoTime();
        while (true) {
            Response response = given().get(path);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (fresh.test(response)) {
                return elapsed;
            }
            assertTrue(elapsed < limitMillis, path + " still stale after " + elapsed + " ms: " + response.asString());
            Thread.sleep(10);
        }
    }

    @Test
    void shouldAnswerRepeatedPagesFeedsAndDocumentsFromMemoryToo() {
        String guest = Fixtures.guest("Embedded Guest").getString("slug");
        String slug = Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(guest, "guest")))).getString("slug");
        for (String path : List.of("/embed/guests/" + guest, "/embed/episodes/" + slug,
                "/oembed?format=json&url=http://localhost:8080/embed/guests/" + guest)) {
            assertTrue(statements(() -> given().get(path).then().statusCode(200)) > 0, "a miss reads the database: " + path);
            assertEquals(0, statements(() -> given().get(path).then().statusCode(200)), "a hit does not: " + path);
        }
        // the feed reads with plain JDBC, out of Hibernate's sight: the cache's own count tells the hit
        String feed = "/feeds/" + show + ".xml";
        String body = given().get(feed).then().statusCode(200).extract().asString();
        double hits = Metrics.sample("catalog_cache_requests_total{result=\"hit\"");
        assertEquals(body, given().get(feed).then().statusCode(200).extract().asString());
        assertEquals(hits + 1, Metrics.sample("catalog_cache_requests_total{result=\"hit\""), "the feed's second read is a hit");
        // podcast apps poll with the ETag they hold: after the cache empties, the first poll must fill it again
        String etag = given().get(feed).then().statusCode(200).extract().header("ETag");
        Fixtures.guest("Empties the cache");
        given().header("If-None-Match", etag).get(feed).then().statusCode(304);
        hits = Metrics.sample("catalog_cache_requests_total{result=\"hit\"");
        given().header("If-None-Match", etag).get(feed).then().statusCode(304);
        assertEquals(hits + 1, Metrics.sample("catalog_cache_requests_total{result=\"hit\""), "the second poll is a hit");
        String episode = "/v1/episodes/" + slug;
        assertTrue(statements(() -> given().accept("application/ld+json").get(episode).then().statusCode(200)) > 0);
        assertEquals(0, statements(() -> given().accept("application/ld+json").get(episode).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("application/ld+json"))), "JSON-LD is kept apart from JSON");
    }

    @Test
    void shouldAnswerARepeatedAnonymousReadFromMemory() {
        String slug = Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(Fixtures.guest("Cached Guest").getString("slug"), "guest")),
                "chapters", Fixtures.chapters("One", "Two"))).getString("slug");
        String path = "/v1/episodes/" + slug;
        Response[] first = new Response[1];
        assertTrue(statements(() -> first[0] = given().get(path).then().statusCode(200).extract().response()) > 0, "a miss reads the database");
        Response[] second = new Response[1];
        assertEquals(0, statements(() -> second[0] = given().get(path).then().statusCode(200).extract().response()), "a hit does not");
        assertEquals(first[0].asString(), second[0].asString());
        assertEquals(first[0].asString(), given().get(path).then().statusCode(200).extract().asString(), "the kept bytes serve every hit");
        for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Content-Type")) {
            assertEquals(first[0].header(header), second[0].header(header), header);
        }
        String vary = String.join(", ", second[0].headers().getValues("Vary"));
        assertTrue(vary.contains("Authorization"), vary);
        assertTrue(vary.contains("Origin"), "cross-origin rules still apply to hits: " + vary);
        assertEquals(0, statements(() -> given().header("If-None-Match", first[0].header("ETag")).get(path).then().statusCode(304)
                .header("ETag", first[0].header("ETag")).header("Cache-Control", first[0].header("Cache-Control"))));
        assertEquals("*", given().header("Origin", "https://partner.example").get(path).then().statusCode(200).extract().header("Access-Control-Allow-Origin"));
    }

    @Test
    void shouldShowAWriteAtOnceOnTheInstanceThatMadeIt() {
        String slug = Fixtures.episode(show, Map.of()).getString("slug");
        String path = "/v1/episodes/" + slug;
        String list = "/v1/episodes?show=" + show;
        given().get(path).then().statusCode(200);
        given().get(list).then().statusCode(200);
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "Renamed at once")).patch(path).then().statusCode(200);
        assertEquals("Renamed at once", given().get(path).then().statusCode(200).extract().path("title"));
        assertEquals(List.of("Renamed at once"), given().get(list).then().statusCode(200).extract().path("items.title"));
    }

    @Test
    void shouldNeverKeepAnAnswerReadBeforeAWriteThatRacedIt() throws Exception {
        String path = "/v1/episodes/" + Fixtures.episode(show, Map.of()).getString("slug");
        for (int round = 0; round < 20; round++) {
            String title = "Round " + round;
            // eight readers and one writer at once: whatever the readers kept, none of it predates the write
            List<Integer> statuses = fm.catalog.support.Parallel.run(9, i -> i == 0
                    ? Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", title)).patch(path).statusCode()
                    : given().get(path).statusCode());
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200), statuses);
            assertEquals(title, given().get(path).then().statusCode(200).extract().path("title"), "round " + round);
        }
    }

    @Test
    void shouldShowAChangeMadeByAnotherSessionWithinASecond() throws Exception {
        String id = Fixtures.episode(show, Map.of()).getString("id");
        String path = "/v1/episodes/" + id;
        given().get(path).then().statusCode(200);
        assertEquals(0, statements(() -> given().get(path).then().statusCode(200)), "cached");
        // what another instance does: a write on its own connection, this instance's HTTP layer unaware
        sql("update episodes set title = 'Changed elsewhere', version = version + 1 where id = ?", Long.parseLong(id));
        long millis = millisUntil(path, r -> "Changed elsewhere".equals(r.path("title")), 1000);
        System.out.println("a change made by another session was served after " + millis + " ms");
    }

    @Test
    void shouldShowAGuestsNewNameInEveryEpisodeThatEmbedsIt() throws Exception {
        var guest = Fixtures.guest("Old Name");
        String credit = guest.getString("slug");
        String a = Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(credit, "guest")))).getString("slug");
        String b = Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(credit, "guest")))).getString("slug");
        given().get("/v1/episodes/" + a).then().statusCode(200);
        given().get("/v1/episodes/" + b).then().statusCode(200);
        given().get("/v1/guests/" + credit + "/episodes").then().statusCode(200);
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("name", "New Name")).patch("/v1/guests/" + credit).then().statusCode(200);
        for (String slug : List.of(a, b)) {
            assertEquals(List.of("New Name"), given().get("/v1/episodes/" + slug).then().extract().path("guests.name"));
        }
        // and by another session
        sql("update guests set name = 'Newer Name' where id = ?", guest.getLong("id"));
        millisUntil("/v1/episodes/" + a, r -> List.of("Newer Name").equals(r.path("guests.name")), 1000);
    }

    @Test
    void shouldCountAnEpisodeOnceItIsDeletedOrAdded() {
        String guest = Fixtures.guest("Counted").getString("slug");
        String slug = Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(guest, "guest")))).getString("slug");
        assertEquals(1, (int) given().get("/v1/guests/" + guest).then().extract().path("episodeCount"));
        Fixtures.admin().delete("/v1/episodes/" + slug).then().statusCode(204);
        assertEquals(0, (int) given().get("/v1/guests/" + guest).then().extract().path("episodeCount"));
        given().get("/v1/episodes/" + slug).then().statusCode(404);
    }

    @Test
    void shouldShowAScheduledEpisodeWhenItFallsDue() throws Exception {
        Instant due = databaseNow().plusMillis(1200);
        String id = Fixtures.create("episodes", Map.of("show", show, "title", "Due soon", "status", "scheduled", "publishedAt", due.toString()))
                .getString("id");
        String list = "/v1/episodes?show=" + show;
        assertEquals(List.of(), given().get(list).then().statusCode(200).extract().path("items.id"));
        assertEquals(0, statements(() -> given().get(list).then().statusCode(200)), "the list without it is cached");
        given().get("/v1/episodes/" + id).then().statusCode(404);
        millisUntil(list, r -> r.<List<Object>>path("items.id").size() == 1, 3000);
        Instant seen = databaseNow();
        assertFalse(seen.isBefore(due), "listed before it was due");
        assertTrue(seen.isBefore(due.plusMillis(1000)), "listed " + (seen.toEpochMilli() - due.toEpochMilli()) + " ms after it fell due");
        given().get("/v1/episodes/" + id).then().statusCode(200);
    }

    @Test
    void shouldNeverShareAnswersBetweenAnonymousAndKeyedReaders() {
        Fixtures.episode(show, Map.of("title", "Public one"));
        Fixtures.create("episodes", Map.of("show", show, "title", "Draft one", "status", "draft"));
        String list = "/v1/episodes?show=" + show + "&sort=title";
        // keyed first: what it sees must not reach anonymous readers
        assertEquals(List.of("Draft one", "Public one"), Fixtures.admin().get(list).then().statusCode(200)
                .header("Cache-Control", "private, no-store").extract().path("items.title"));
        assertEquals(List.of("Public one"), given().get(list).then().statusCode(200).extract().path("items.title"));
        assertEquals(0, statements(() -> given().get(list).then().statusCode(200)), "the anonymous answer is cached");
        // and the cached anonymous answer does not reach keyed readers
        assertNotEquals(0, statements(() -> assertEquals(List.of("Draft one", "Public one"),
                Fixtures.admin().get(list).then().statusCode(200).extract().path("items.title"))));
    }

    @Test
    void shouldStartEmptyWhenTheListenerReconnects() throws Exception {
        String id = Fixtures.episode(show, Map.of()).getString("id");
        String path = "/v1/episodes/" + id;
        given().get(path).then().statusCode(200);
        sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = ? and datname = current_database()",
                ChangeNotices.APPLICATION_NAME);
        // a change while nobody listens: its notice is lost
        sql("update episodes set title = 'Changed while deaf', version = version + 1 where id = ?", Long.parseLong(id));
        millisUntil(path, r -> "Changed while deaf".equals(r.path("title")), 3000);
        waitUntilListening();
        given().get(path).then().statusCode(200);
        assertEquals(0, statements(() -> given().get(path).then().statusCode(200)), "caching again once listening");
    }

    @Test
    void shouldCountHitsMissesAndInvalidationsInMetrics() {
        String path = "/v1/episodes/" + Fixtures.episode(show, Map.of()).getString("slug");
        double hits = Metrics.sample("catalog_cache_requests_total{result=\"hit\"");
        double misses = Metrics.sample("catalog_cache_requests_total{result=\"miss\"");
        double writes = Metrics.sample("catalog_cache_invalidations_total{reason=\"write\"");
        given().get(path).then().statusCode(200);
        given().get(path).then().statusCode(200);
        assertEquals(misses + 1, Metrics.sample("catalog_cache_requests_total{result=\"miss\""));
        assertEquals(hits + 1, Metrics.sample("catalog_cache_requests_total{result=\"hit\""));
        Fixtures.admin().contentType("application/merge-patch+json").body(Map.of("title", "Counted")).patch(path).then().statusCode(200);
        assertEquals(writes + 1, Metrics.sample("catalog_cache_invalidations_total{reason=\"write\""));
        String metrics = given().accept(ContentType.TEXT).get("/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().noneMatch(l -> l.startsWith("http_server_requests") && l.contains(path)),
                "hits are tagged by route template, not by raw path");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("/v1/episodes/{ref}")),
                "hits are tagged by route template");
        for (String other : List.of("catalog_cache_invalidations_total{reason=\"notice\"", "catalog_cache_invalidations_total{reason=\"due\"",
                "catalog_cache_invalidations_total{reason=\"listener\"", "cache_evictions_total{cache=\"responses\"",
                "cache_size{cache=\"responses\"", "catalog_cache_weight_bytes")) {
            Metrics.sample(other);
        }
    }

    private Instant databaseNow() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select now()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}
