package fm.catalog.support;

import fm.catalog.common.db.EmbeddedDatabase;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another process of the packaged application (target/quarkus-app), on a port of its own, over the
 * same database as the instance {@code @QuarkusIntegrationTest} started: what a second instance
 * behind a load balancer is.
 */
public final class SecondInstance implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private SecondInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static SecondInstance start() throws Exception {
        return start(databaseUrl(), Map.of());
    }

    /** The database the packaged application under test uses. */
    public static String databaseUrl() {
        return System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null ? System.getenv("QUARKUS_DATASOURCE_JDBC_URL")
                : EmbeddedDatabase.jdbcUrl(EmbeddedDatabase.TEST_DATABASE);
    }

    /** An instance over the database at {@code url} (the embedded server's credentials), with more system properties. */
    public static SecondInstance start(String url, Map<String, String> properties) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + url,
                "-Dquarkus.datasource.username=" + EmbeddedDatabase.username(),
                "-Dquarkus.datasource.password=" + EmbeddedDatabase.password(),
                "-Dcatalog.bootstrap-admin-key=" + Fixtures.ADMIN_KEY, "-Dcatalog.rate-limit.enabled=false"));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", new File("target/quarkus-app/quarkus-run.jar").getAbsolutePath()));
        Path log = Files.createTempFile("second-instance", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SecondInstance instance = new SecondInstance(process, port, log);
        instance.awaitReady();
        return instance;
    }

    /** What an instance with these system properties logged as it refused to start; fails when it started. */
    public static String refusal(Map<String, String> properties) {
        try {
            start(databaseUrl(), properties).close();
        } catch (IllegalStateException exited) {
            if (exited.getMessage().startsWith("the second instance exited")) {
                return exited.getMessage();
            }
            throw exited;
        } catch (Exception other) {
            throw new IllegalStateException(other);
        }
        throw new AssertionError("the instance started with " + properties);
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** The process, to signal it (destroy() sends SIGTERM) and to wait for its exit. */
    public Process process() {
        return process;
    }

    /** What it has logged so far. */
    public String log() throws java.io.IOException {
        return Files.readString(log);
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second instance exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the second instance never became ready: " + Files.readString(log));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        // kept where a failed run can be read: target/instances/<port>.log
        Path kept = Path.of("target", "instances", port + ".log");
        Files.createDirectories(kept.getParent());
        Files.move(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
