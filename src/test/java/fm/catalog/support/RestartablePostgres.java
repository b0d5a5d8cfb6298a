package fm.catalog.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of its own that a test can stop and start again on the same data directory and
 * port, under a running application: what a database restart or crash is. It is a zonky embedded
 * server (the one PostgreSQL a clean checkout is sure to have), stopped and started with the pg_ctl
 * that sits next to its postgres binary, and started again with the very options it was started
 * with (postmaster.opts). zonky runs it with fsync off (-F): a stop, even an immediate one, still
 * leaves every committed transaction in the files, as with a production server whose process dies.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    private final Path pgCtl;
    private final String options;

    private RestartablePostgres(EmbeddedPostgres server, Path dataDirectory, Path pgCtl, String options) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.pgCtl = pgCtl;
        this.options = options;
    }

    public static RestartablePostgres start() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        try (Connection c = server.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery("show data_directory")) {
            rs.next();
            Path data = Path.of(rs.getString(1));
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            Path postgres = Path.of(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow());
            // postmaster.opts: the binary, then its arguments, each in double quotes
            String opts = Files.readString(data.resolve("postmaster.opts")).trim();
            String arguments = opts.substring(opts.indexOf(' ') + 1);
            return new RestartablePostgres(server, data, postgres.resolveSibling("pg_ctl"), arguments);
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    /** Stops the server at once, as if its process died: sessions are cut, nothing is checkpointed. */
    public void crash() throws Exception {
        pgCtl("stop", "-m", "immediate", "-w");
    }

    /** Starts it again on the same data directory and port (after crash recovery from the WAL). */
    public void startAgain() throws Exception {
        pgCtl("start", "-w", "-t", "60", "-o", options, "-l", dataDirectory.resolveSibling(dataDirectory.getFileName() + "-restart.log").toString());
    }

    private void pgCtl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(pgCtl.toString(), "-D", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("pg_ctl " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
