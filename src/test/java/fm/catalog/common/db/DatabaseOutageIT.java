package fm.catalog.common.db;

import static fm.catalog.support.RawHttp.admin;
import static fm.catalog.support.RawHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.support.Fixtures;
import fm.catalog.support.RawHttp;
import fm.catalog.support.RawHttp.Answer;
import fm.catalog.support.RestartablePostgres;
import fm.catalog.support.SecondInstance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The packaged application over a PostgreSQL server that stops under it (an immediate stop: its
 * process dies) and starts again. While it is down every request, read or write, anonymous or keyed,
 * answers a 503 problem with Retry-After, soon (no hang), never a 500; readiness is DOWN and liveness
 * UP. Once it is back, the very first request succeeds. A writer runs throughout: every write that was
 * acknowledged is there afterwards, and every one that was refused, sent again with its
 * Idempotency-Key, is written exactly once.
 */
class DatabaseOutageIT {

    private static String episodeBody(String show, String title) {
        return "{\"show\":\"" + show + "\",\"title\":\"" + title + "\",\"status\":\"published\"}";
    }

    /** A 503 problem of type unavailable with Retry-After, as every request gets while the database is down. */
    private static void assertUnavailable(Answer answer, String what) {
        assertEquals(503, answer.status(), what + ": " + answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type"), what);
        assertTrue(answer.json().getString("type").endsWith("/problems/unavailable"), what + ": " + answer.body());
        assertTrue(answer.header("Retry-After") != null, what + " has no Retry-After");
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsDownAndLoseNoAcknowledgedWrite() throws Exception {
        try (RestartablePostgres database = RestartablePostgres.start();
                SecondInstance app = SecondInstance.start(database.jdbcUrl(), Map.of())) {
            String base = app.baseUri();
            String show = Fixtures.unique("outage");
            assertEquals(201, send(base, "POST", "/v1/shows", "{\"slug\":\"" + show + "\",\"title\":\"Outage\"}", admin()).status());
            Answer before = send(base, "POST", "/v1/episodes", episodeBody(show, "Before the outage"), admin());
            assertEquals(201, before.status(), before.body());
            String episode = "/v1/episodes/" + before.json().getString("id");

            // A writer that never stops: each write with its own Idempotency-Key, each answer noted.
            Map<String, String> acknowledged = new ConcurrentHashMap<>(); // key -> id
            Map<String, String> refused = new ConcurrentHashMap<>(); // key -> its title, to send it again as it was
            List<String> wrong = new CopyOnWriteArrayList<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                int n = 0;
                while (writing.get()) {
                    String key = UUID.randomUUID().toString();
                    String title = "Write " + n++;
                    try {
                        Answer a = send(base, "POST", "/v1/episodes", episodeBody(show, title), RawHttp.admin(key));
                        if (a.status() == 201) {
                            acknowledged.put(key, a.json().getString("id"));
                        } else if (a.status() == 503) {
                            refused.put(key, title);
                        } else {
                            wrong.add(a.status() + " " + a.body());
                        }
                    } catch (Exception e) {
                        wrong.add(e.toString());
                    }
                }
            });
            writer.start();
            while (acknowledged.size() < 5) {
                Thread.sleep(20);
            }
            String logBefore = app.log();

            database.crash();
            int acknowledgedBeforeTheCrash = acknowledged.size();
            long outageStarted = System.nanoTime();
            List<String> timings = new ArrayList<>();
            // The pool may still hold connections the crash killed, and the response cache takes a moment
            // to learn its listener is gone: the first requests may find either. Then every request is a 503.
            Answer read = send(base, "GET", episode, null, Map.of());
            for (int i = 0; i < 50 && read.status() == 200; i++) {
                Thread.sleep(100);
                read = send(base, "GET", episode, null, Map.of());
            }
            for (int round = 0; round < 3; round++) {
                Answer anonymousRead = send(base, "GET", episode, null, Map.of());
                assertUnavailable(anonymousRead, "an anonymous read");
                Answer list = send(base, "GET", "/v1/episodes?show=" + show, null, Map.of());
                assertUnavailable(list, "a list");
                Answer keyedRead = send(base, "GET", episode, null, admin());
                assertUnavailable(keyedRead, "a keyed read");
                Answer create = send(base, "POST", "/v1/episodes", episodeBody(show, "During"), admin());
                assertUnavailable(create, "a create");
                Answer patch = send(base, "PATCH", episode, "{\"title\":\"Patched during\"}", admin());
                assertUnavailable(patch, "a patch");
                Answer feed = send(base, "GET", "/feeds/" + show + ".xml", null, Map.of());
                assertEquals(503, feed.status(), "the feed: " + feed.body());
                Answer ready = send(base, "GET", "/q/health/ready", null, Map.of());
                assertEquals(503, ready.status(), "readiness while the database is down: " + ready.body());
                assertTrue(ready.body().contains("DOWN"), ready.body());
                Answer live = send(base, "GET", "/q/health/live", null, Map.of());
                assertEquals(200, live.status(), "liveness while the database is down: " + live.body());
                timings.add(String.format("read %d ms, list %d ms, keyed read %d ms, create %d ms, patch %d ms, feed %d ms, ready %d ms",
                        anonymousRead.millis(), list.millis(), keyedRead.millis(), create.millis(), patch.millis(), feed.millis(), ready.millis()));
                Thread.sleep(500);
            }
            writing.set(false);
            writer.join();
            long outageMillis = (System.nanoTime() - outageStarted) / 1_000_000;

            database.startAgain();
            // the very first request after the restart, then the others
            Answer first = send(base, "GET", episode, null, admin());
            assertEquals(200, first.status(), "the first request after the restart: " + first.body());
            assertEquals("Before the outage", first.json().getString("title"), "the patch refused during the outage wrote nothing");
            assertEquals(201, send(base, "POST", "/v1/episodes", episodeBody(show, "After"), admin()).status());
            assertEquals(200, send(base, "GET", episode, null, Map.of()).status());

            assertTrue(wrong.isEmpty(), "answers other than 201 and 503: " + wrong);
            // refused writes sent again with their keys: written once (a claim its request could not
            // release stays in flight for the idempotency lease, 5 s: then a 409, and again)
            for (Map.Entry<String, String> write : refused.entrySet()) {
                String key = write.getKey();
                Answer again;
                do {
                    again = send(base, "POST", "/v1/episodes", episodeBody(show, write.getValue()), RawHttp.admin(key));
                    if (again.status() == 409) {
                        Thread.sleep(500);
                    }
                } while (again.status() == 409);
                assertEquals(201, again.status(), again.body());
                acknowledged.put(key, again.json().getString("id"));
            }
            for (String id : acknowledged.values()) {
                assertEquals(200, send(base, "GET", "/v1/episodes/" + id, null, admin()).status(), "acknowledged episode " + id + " is lost");
            }
            try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from episodes e join shows s on s.id = e.show_id where s.slug = '" + show + "'")) {
                rs.next();
                // the one before, each key's one, the one after; "During" was refused
                assertEquals(1 + acknowledged.size() + 1, rs.getLong(1), "episodes in the show");
            }

            String outageLog = app.log().substring(logBefore.length());
            long listenerWarnings = outageLog.lines().filter(l -> l.contains("Not listening to catalog changes")).count();
            assertTrue(listenerWarnings <= 1, "the change listener warned " + listenerWarnings + " times:\n" + outageLog);
            long lines = outageLog.lines().count();
            System.out.printf("outage of %d ms: %d writes acknowledged before the crash, %d refused and sent again, %d log lines; %s%n",
                    outageMillis, acknowledgedBeforeTheCrash, refused.size(), lines, String.join("; ", timings));
            System.out.println("log during the outage:\n" + outageLog);
        }
    }
}
