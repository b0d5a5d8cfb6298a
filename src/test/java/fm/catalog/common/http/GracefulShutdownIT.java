package fm.catalog.common.http;

import static fm.catalog.support.RawHttp.admin;
import static fm.catalog.support.RawHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.common.db.EmbeddedDatabase;
import fm.catalog.support.Fixtures;
import fm.catalog.support.RawHttp.Answer;
import fm.catalog.support.SecondInstance;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the packaged application while a write is in flight (held by a row lock this test
 * holds): new requests are refused with a 503 problem (or find the port closed), the write in flight
 * finishes with its real answer once the lock is gone, and the process exits cleanly, within
 * quarkus.shutdown.timeout (10 s) of the signal.
 */
class GracefulShutdownIT {

    private static Connection database() throws Exception {
        return DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null ? System.getenv("QUARKUS_DATASOURCE_JDBC_URL")
                : EmbeddedDatabase.jdbcUrl(EmbeddedDatabase.TEST_DATABASE), EmbeddedDatabase.username(), EmbeddedDatabase.password());
    }

    private static long waitingForLocks(Connection c, long episode) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and query like '%episodes%' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void shouldFinishTheRequestInFlightRefuseNewOnesAndExitOnSigterm() throws Exception {
        SecondInstance app = SecondInstance.start();
        try (Connection holder = database(); Connection observer = database()) {
            String base = app.baseUri();
            String show = Fixtures.unique("shutdown");
            assertEquals(201, send(base, "POST", "/v1/shows", "{\"slug\":\"" + show + "\",\"title\":\"Shutdown\"}", admin()).status());
            Answer created = send(base, "POST", "/v1/episodes", "{\"show\":\"" + show + "\",\"title\":\"Before\",\"status\":\"published\"}", admin());
            assertEquals(201, created.status(), created.body());
            long id = created.json().getLong("id");

            holder.setAutoCommit(false);
            holder.createStatement().execute("select 1 from episodes where id = " + id + " for update");
            CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return send(base, "PATCH", "/v1/episodes/" + id, "{\"title\":\"Finished during the shutdown\"}", admin());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (waitingForLocks(observer, id) == 0) {
                assertTrue(!inFlight.isDone(), "the write did not wait for the lock: " + (inFlight.isDone() ? inFlight.join().body() : ""));
                Thread.sleep(20);
            }

            long signalled = System.nanoTime();
            app.process().destroy(); // SIGTERM
            // New requests: answered 503 from the moment the shutdown begins (or, later, refused at the door).
            String refusal = null;
            for (int i = 0; i < 200 && refusal == null; i++) {
                try {
                    Answer fresh = send(base, "GET", "/v1/shows/" + show, null, Map.of());
                    if (fresh.status() == 503) {
                        assertEquals("application/problem+json", fresh.header("Content-Type"));
                        assertTrue(fresh.json().getString("type").endsWith("/problems/unavailable"), fresh.body());
                        assertEquals("5", fresh.header("Retry-After"));
                        refusal = "503 after " + (System.nanoTime() - signalled) / 1_000_000 + " ms";
                    } else {
                        assertEquals(200, fresh.status(), "before the shutdown began: " + fresh.body());
                        Thread.sleep(10);
                    }
                } catch (ConnectException closed) {
                    refusal = "connection refused";
                }
            }
            assertTrue(refusal != null, "new requests were still served after SIGTERM");
            assertTrue(!inFlight.isDone(), "the write in flight ended before its lock was released: "
                    + (inFlight.isDone() ? inFlight.join().body() : ""));
            assertTrue(app.process().isAlive(), "the process did not wait for the request in flight");

            holder.commit(); // the write in flight may go on
            Answer answer = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.status(), answer.body());
            assertEquals("Finished during the shutdown", answer.json().getString("title"));
            assertTrue(app.process().waitFor(30, TimeUnit.SECONDS), "the process did not exit");
            int exit = app.process().exitValue();
            long exitedAfter = (System.nanoTime() - signalled) / 1_000_000;
            assertTrue(List.of(0, 143).contains(exit), "exit code " + exit + "\n" + app.log());
            try (ResultSet rs = observer.createStatement().executeQuery("select title from episodes where id = " + id)) {
                rs.next();
                assertEquals("Finished during the shutdown", rs.getString(1), "the write in flight was committed");
            }
            String log = app.log();
            assertTrue(!log.contains("ERROR"), "errors while shutting down:\n" + log);
            System.out.printf("SIGTERM: new requests %s; the write in flight answered %d; exit code %d after %d ms%n",
                    refusal, answer.status(), exit, exitedAfter);
        } finally {
            app.close();
        }
    }
}
