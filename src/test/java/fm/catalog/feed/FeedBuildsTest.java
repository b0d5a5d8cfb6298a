package fm.catalog.feed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.BoundedWork;
import fm.catalog.support.Fixtures;
import fm.catalog.support.XmlProblem;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Feed builds are bounded (catalog.feed.builds, here 1; catalog.feed.build-wait, here 1 s). The first
 * build is held by a lock on shows this test takes, which the feed's first statement waits for (up to
 * lock_timeout, 10 s): it holds the one permit meanwhile, seen from pg_stat_activity rather than
 * guessed from timing. A second feed, of another show, waits its 1 s for a turn and is a 503
 * problem+xml with Retry-After; once the lock is gone the first is served, and so is the second.
 */
@QuarkusTest
@TestProfile(BoundedWork.class)
class FeedBuildsTest {

    @Inject
    AgroalDataSource dataSource;

    /** Whether a feed's statement waits for a lock. */
    private static boolean feedWaits(Connection observer) throws Exception {
        try (Statement s = observer.createStatement(); ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity"
                + " where wait_event_type = 'Lock' and query like '%from shows s %' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    @Test
    void shouldRefuseABuildPastItsWaitWith503WhileTheOnlyPermitIsHeld() throws Exception {
        String first = Fixtures.show().getString("slug");
        String second = Fixtures.show().getString("slug");
        Fixtures.episode(first, Map.of("title", "In the first feed"));
        try (Connection holder = dataSource.getConnection(); Statement s = holder.createStatement();
             Connection observer = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            s.execute("set local statement_timeout = 0");
            s.execute("lock table shows in access exclusive mode");
            CompletableFuture<ExtractableResponse<Response>> held =
                    CompletableFuture.supplyAsync(() -> given().get("/feeds/" + first + ".xml").then().extract());
            for (int i = 0; !feedWaits(observer); i++) {
                assertFalse(held.isDone(), () -> "the feed did not wait for the lock: " + held.join().asString());
                assertTrue(i < 500, "the feed never reached its first statement");
                Thread.sleep(20);
            }

            ExtractableResponse<Response> refused = given().get("/feeds/" + second + ".xml").then().extract();
            assertEquals(503, refused.statusCode(), refused.asString());
            assertEquals("5", refused.header("Retry-After"));
            assertTrue(XmlProblem.of(refused).get("type").endsWith("/problems/unavailable"), refused.asString());
            assertFalse(held.isDone(), "the first build is still held");
            holder.rollback();

            ExtractableResponse<Response> served = held.get(30, TimeUnit.SECONDS);
            assertEquals(200, served.statusCode(), served.asString());
            assertTrue(served.asString().contains("In the first feed"));
        }
        // the permit was given back
        given().get("/feeds/" + second + ".xml").then().statusCode(200);
    }
}
