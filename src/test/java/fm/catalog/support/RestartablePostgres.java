package fm.catalog.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server of its own that a test can stop and start again on the same data directory and
 * port, under a running application: what a database crash and restart is. It is a zonky embedded
 * server (the one PostgreSQL a clean checkout is sure to have, and whose binaries run as root, as CI
 * does, in a user namespace: its pg_ctl refuses root, so the postmaster is signalled and started
 * directly, as zonky does), started
 * again with the very arguments it was first started with (postmaster.opts). zonky turns
 * synchronous_commit off for speed; here it is on, PostgreSQL's default, so that an acknowledged commit
 * is in the WAL the restart replays.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    private final List<String> command;
    private long postmaster;
    private Process restarted;

    private RestartablePostgres(EmbeddedPostgres server, Path dataDirectory, List<String> command, long postmaster) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.command = command;
        this.postmaster = postmaster;
    }

    public static RestartablePostgres start() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        try (Connection c = server.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery("show data_directory")) {
            rs.next();
            Path data = Path.of(rs.getString(1));
            // postmaster.opts: the binary, then each argument in double quotes
            String opts = Files.readString(data.resolve("postmaster.opts")).trim();
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // as zonky does: in a user namespace of its own, where the server is not root
                command.addAll(List.of("unshare", "-U"));
            }
            command.add(opts.substring(0, opts.indexOf(' ')));
            Matcher argument = Pattern.compile("\"([^\"]*)\"").matcher(opts);
            while (argument.find()) {
                command.add(argument.group(1));
            }
            return new RestartablePostgres(server, data, command, pid(data));
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    private static long pid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    /**
     * Stops the server at once (SIGQUIT: PostgreSQL's immediate shutdown, as if it died): sessions are
     * cut, nothing is checkpointed, the restart recovers from the WAL.
     */
    public void crash() throws Exception {
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
        new ProcessBuilder("kill", "-QUIT", String.valueOf(postmaster)).inheritIO().start().waitFor();
        handle.onExit().get(60, TimeUnit.SECONDS);
        while (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            Thread.sleep(50); // the last backends are gone when the postmaster removes its pid file
        }
    }

    /** Starts it again on the same data directory and port, and waits until it takes connections. */
    public void startAgain() throws Exception {
        restarted = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDirectory.resolveSibling(dataDirectory.getFileName() + "-restart.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = connect()) {
                postmaster = restarted.pid();
                return;
            } catch (SQLException notYet) {
                if (!restarted.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not start again", notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (restarted != null && restarted.isAlive()) {
            // SIGINT: fast shutdown; zonky's close below then finds nothing left to stop
            new ProcessBuilder("kill", "-INT", String.valueOf(restarted.pid())).inheritIO().start();
            try {
                restarted.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.close();
    }
}
