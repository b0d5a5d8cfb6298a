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
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null ? System.getenv("QUARKUS_DATASOURCE_JDBC_URL")
                : EmbeddedDatabase.jdbcUrl(EmbeddedDatabase.TEST_DATABASE);
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + url,
                "-Dquarkus.datasource.username=" + EmbeddedDatabase.username(),
                "-Dquarkus.datasource.password=" + EmbeddedDatabase.password(),
                "-Dcatalog.bootstrap-admin-key=" + Fixtures.ADMIN_KEY,
                "-Dcatalog.rate-limit.enabled=false",
                "-jar", new File("target/quarkus-app/quarkus-run.jar").getAbsolutePath()));
        Path log = Files.createTempFile("second-instance", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SecondInstance instance = new SecondInstance(process, port, log);
        instance.awaitReady();
        return instance;
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
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
        Files.deleteIfExists(log);
    }
}
