package fm.catalog.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fm.catalog.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every list query the API runs, as it runs it, is an index scan in sort order that a LIMIT stops:
 * each scope (none, show, guest, topic) by each sort, anonymous and keyed, first page and a page
 * after a cursor; and guests and topics by each sort. The query is taken from pg_stat_statements
 * after a real request and planned generically (EXPLAIN (GENERIC_PLAN): its parameters unknown, as
 * a prepared statement's plan for any guest or depth). The test data is small, so sequential scans
 * are turned off for the EXPLAIN: at this size a scan of every row is cheap, at a million it is not;
 * sorts stay allowed, so a plan that needs one still shows it. Fails on any Sort or Seq Scan node and
 * unless the scan is of the index docs/indexes.md names.
 */
@QuarkusTest
class ListPlansTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EPISODE_SORTS = List.of("-publishedAt", "publishedAt", "number", "-number", "title", "-updatedAt");

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @BeforeEach
    void needsStatementStatistics() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('shared_preload_libraries') like '%pg_stat_statements%', "
                     + "current_setting('server_version_num')::int >= 160000")) {
            rs.next();
            Assumptions.assumeTrue(rs.getBoolean(1) && rs.getBoolean(2), "needs pg_stat_statements and EXPLAIN (GENERIC_PLAN)");
            s.execute("create extension if not exists pg_stat_statements");
        }
    }

    @Test
    void shouldServeEveryEpisodeListByAnIndexInSortOrder() throws Exception {
        String show = Fixtures.show().getString("slug");
        String guest = Fixtures.guest("Planned guest").getString("slug");
        String topic = Fixtures.topic("Planned topic").getString("slug");
        for (int i = 0; i < 6; i++) {
            Fixtures.episodeOf(show, guest, topic, Map.of("number", i % 3, "title", "Planned " + (i % 2), "status", i == 5 ? "draft" : "published"));
        }
        analyze();
        Map<String, String> scopes = Map.of("", "episodes", "/v1/shows/" + show + "/episodes", "episodes_show",
                "/v1/guests/" + guest + "/episodes", "episode_guests", "/v1/topics/" + topic + "/episodes", "episode_topics");
        int planned = 0;
        for (var scope : scopes.entrySet()) {
            String path = scope.getKey().isEmpty() ? "/v1/episodes" : scope.getKey();
            for (String sort : EPISODE_SORTS) {
                String index = scope.getValue() + "_" + switch (sort.replace("-", "")) {
                    case "publishedAt" -> "published";
                    case "number" -> "number";
                    case "title" -> "title";
                    default -> "updated";
                } + "_idx";
                for (boolean keyed : List.of(false, true)) {
                    planned += pagesPlanned(keyed, path, sort, index);
                }
            }
        }
        assertEquals(4 * 6 * 2 * 2, planned);
    }

    @Test
    void shouldServeEveryGuestAndTopicSortByAnIndex() throws Exception {
        String show = Fixtures.show().getString("slug");
        for (int i = 0; i < 3; i++) {
            Fixtures.guest("Sorted guest " + i);
            Fixtures.topic("Sorted topic " + i);
        }
        Fixtures.episode(show, Map.of("guests", List.of(Fixtures.credit(Fixtures.guest("Counted").getString("slug"), "guest")),
                "topics", List.of(Fixtures.topic("Counted").getString("slug"))));
        // enough rows that sorting them all would cost the planner more than reading an index in order
        // (a handful of guests would be sorted in memory, rightly); their counter rows come with them
        String word = Fixtures.unique("plan").replaceAll("[^a-z0-9]", "");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into guests (slug, name, created_at, updated_at, version) select 'g-" + word + "-' || i, 'Plan filler ' || i, now(), now(), 0 "
                    + "from generate_series(1, 3000) i");
            s.execute("insert into topics (slug, name, created_at, updated_at, version) select 't-" + word + "-' || i, 'Plan filler ' || i, now(), now(), 0 "
                    + "from generate_series(1, 3000) i");
        }
        analyze();
        int planned = 0;
        for (String kind : List.of("guests", "topics")) {
            for (boolean keyed : List.of(false, true)) {
                planned += pagesPlanned(keyed, "/v1/" + kind, "name", kind + "_name_idx");
                planned += pagesPlanned(keyed, "/v1/" + kind, "-updatedAt", kind + "_updated_idx");
                planned += pagesPlanned(keyed, "/v1/" + kind, "-episodeCount", keyed ? "episode_counts_episodes_idx" : "episode_counts_visible_idx");
            }
        }
        assertEquals(2 * 2 * 3 * 2, planned);
    }

    /** The first page and the one after its cursor: each one's id query planned and checked. */
    private int pagesPlanned(boolean keyed, String path, String sort, String index) throws Exception {
        Supplier<RequestSpecification> caller = () -> keyed ? Fixtures.admin() : RestAssured.given();
        String what = (keyed ? "keyed " : "anonymous ") + path + "?sort=" + sort;
        reset();
        JsonPath first = caller.get().queryParam("sort", sort).queryParam("limit", 2).get(path).then().statusCode(200).extract().jsonPath();
        // an anonymous page by date starts (or ends) its scan at now(), not after every episode dated in the future
        boolean fromNow = !keyed && sort.endsWith("publishedAt");
        check(listQuery(what), index, fromNow, what);
        String cursor = first.getString("nextCursor");
        assertNotNull(cursor, what + " has a second page");
        reset();
        caller.get().queryParam("sort", sort).queryParam("limit", 2).queryParam("cursor", cursor).get(path).then().statusCode(200);
        String after = listQuery(what + " after a cursor");
        assertTrue(after.contains(") < (") || after.contains(") > ("), "the keyset condition of " + what + ": " + after);
        check(after, index, fromNow, what + " after a cursor");
        return 2;
    }

    private void check(String query, String index, boolean fromNow, String what) throws Exception {
        JsonNode plan;
        // the simple protocol: the query keeps its $n placeholders unbound, as EXPLAIN (GENERIC_PLAN) plans them
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("preferQueryMode", "simple");
        try (Connection c = DriverManager.getConnection(url, properties); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("set local enable_seqscan = off");
                try (ResultSet rs = s.executeQuery("explain (generic_plan, format json) " + query)) {
                    rs.next();
                    plan = JSON.readTree(rs.getString(1)).get(0).get("Plan");
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        assertEquals("Limit", plan.get("Node Type").asText(), what + ": a LIMIT stops the scan\n" + plan.toPrettyString());
        List<JsonNode> nodes = new ArrayList<>();
        collect(plan, nodes);
        for (JsonNode node : nodes) {
            String type = node.get("Node Type").asText();
            assertFalse(type.contains("Sort") || type.equals("Seq Scan") || type.startsWith("Bitmap"),
                    what + ": " + type + " in\n" + query + "\n" + plan.toPrettyString());
        }
        assertTrue(nodes.stream().anyMatch(n -> n.get("Node Type").asText().startsWith("Index") && index.equals(n.path("Index Name").asText())),
                what + ": an index scan of " + index + " in\n" + query + "\n" + plan.toPrettyString());
        if (fromNow) {
            assertTrue(nodes.stream().anyMatch(n -> n.path("Index Cond").asText().contains("published_sort <= now()")),
                    what + ": the index scan bounded by now() in\n" + query + "\n" + plan.toPrettyString());
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        into.add(node);
        node.path("Plans").forEach(child -> collect(child, into));
    }

    /** The one statement of the last request that pages (ORDER BY ... LIMIT): the keyset id query. */
    private String listQuery(String what) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select query from pg_stat_statements where dbid = (select oid from pg_database "
                     + "where datname = current_database()) and query ilike 'select %order by%limit%' and query not like '%pg_stat_statements%'")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        assertEquals(1, found.size(), what + ": one list query, found " + found);
        return found.get(0);
    }

    private void reset() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_stat_statements_reset()");
        }
    }

    private void analyze() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("analyze episodes, episode_guests, episode_topics, guests, topics, shows, episode_counts");
        }
    }
}
