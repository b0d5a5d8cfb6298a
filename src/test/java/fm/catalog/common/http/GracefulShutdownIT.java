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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the packaged application while two writes are in flight, each held by a row lock this
 * test holds: new requests are refused with a 503 problem (or find the port closed); the write whose
 * lock the test then releases finishes with its real answer; the other, whose lock is held until the
 * process is gone, outlasts quarkus.shutdown.timeout (5 s here) and is cut off, writing nothing; and
 * the process exits all the same. The instance runs without lock_timeout and statement deadline, so
 * that nothing but the shutdown's bound can end the held write.
 */
class GracefulShutdownIT {

    private static Connection database() throws Exception {
        return DriverManager.getConnection(SecondInstance.databaseUrl(), EmbeddedDatabase.username(), EmbeddedDatabase.password());
    }

    private static long waitingForLocks(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and query like '%episodes%' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A PATCH of a new episode in flight on {@code app}, waiting for the episode's row, which {@code holder} locks. */
    private record Held(String show, long id, CompletableFuture<Answer> inFlight) {
    }

    /** The {@code nth} write held at once. */
    private static Held holdAWrite(String base, Connection holder, Connection observer, int nth) throws Exception {
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
        while (waitingForLocks(observer) < nth) {
            assertTrue(!inFlight.isDone(), "the write did not wait for the lock: " + (inFlight.isDone() ? inFlight.join().body() : ""));
            Thread.sleep(20);
        }
        return new Held(show, id, inFlight);
    }

    private static String title(Connection observer, long id) throws Exception {
        try (ResultSet rs = observer.createStatement().executeQuery("select title from episodes where id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void shouldFinishTheRequestInFlightRefuseNewOnesCutOffOneThatOutlastsTheTimeoutAndExitOnSigterm() throws Exception {
        SecondInstance app = SecondInstance.start(SecondInstance.databaseUrl(), Map.of("quarkus.shutdown.timeout", "5s",
                "quarkus.datasource.jdbc.additional-jdbc-properties.options", "-c lock_timeout=0 -c statement_timeout=0"));
        try (Connection holder = database(); Connection keeper = database(); Connection observer = database()) {
            String base = app.baseUri();
            Held finishing = holdAWrite(base, holder, observer, 1);
            Held outlasting = holdAWrite(base, keeper, observer, 2);
            String show = finishing.show();

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
            assertTrue(!finishing.inFlight().isDone(), "the write in flight ended before its lock was released: "
                    + (finishing.inFlight().isDone() ? finishing.inFlight().join().body() : ""));
            assertTrue(app.process().isAlive(), "the process did not wait for the requests in flight");

            holder.commit(); // the first write in flight may go on
            Answer answer = finishing.inFlight().get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.status(), answer.body());
            assertEquals("Finished during the shutdown", answer.json().getString("title"));
            assertEquals("Finished during the shutdown", title(observer, finishing.id()), "the write in flight was committed");

            // the other still waits for its lock, which only the end of the process can end
            assertTrue(app.process().waitFor(30, TimeUnit.SECONDS), "the process did not exit while a request was held");
            int exit = app.process().exitValue();
            long exitedAfter = (System.nanoTime() - signalled) / 1_000_000;
            assertTrue(List.of(0, 143).contains(exit), "exit code " + exit + "\n" + app.log());
            String cutOff;
            try {
                Answer late = outlasting.inFlight().get(30, TimeUnit.SECONDS);
                assertTrue(late.status() != 200, "the held write succeeded: " + late.body());
                cutOff = "answered " + late.status();
            } catch (ExecutionException closed) {
                cutOff = "its connection closed";
            }
            keeper.commit();
            assertEquals("Before", title(observer, outlasting.id()), "the write cut off was not committed");
            String log = app.log();
            assertTrue(log.contains("Timed out waiting for graceful shutdown"), "the shutdown's bound ended the wait:\n" + log);
            System.out.printf("SIGTERM: new requests %s; the write in flight answered %d; the one held past the timeout %s;"
                    + " exit code %d after %d ms%n", refusal, answer.status(), cutOff, exit, exitedAfter);
        } finally {
            app.close();
        }
    }
}
