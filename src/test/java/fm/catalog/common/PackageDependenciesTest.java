package fm.catalog.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Package cycles once untangled stay so: checked on the imports of the main sources. */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/fm/catalog");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?fm\\.catalog\\.(\\w+)\\.");

    @Test
    void shouldKeepCommonFreeOfFeatures() throws IOException {
        assertEquals(List.of(), imports("common", target -> !target.equals("common")));
    }

    @Test
    void shouldKeepSecurityAndIdempotencyApart() throws IOException {
        assertEquals(List.of(), imports("security", "idempotency"::equals));
        assertEquals(List.of(), imports("idempotency", "security"::equals));
    }

    /** "file imports fm.catalog.x" for each import in package {@code from} of a package x that {@code refused} names. */
    private static List<String> imports(String from, Predicate<String> refused) throws IOException {
        assertTrue(Files.isDirectory(SOURCES.resolve(from)), "sources of " + from);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve(from))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher imported = IMPORT.matcher(Files.readString(file));
                while (imported.find()) {
                    if (refused.test(imported.group(1))) {
                        found.add(SOURCES.relativize(file) + " imports fm.catalog." + imported.group(1));
                    }
                }
            }
        }
        return found;
    }
}
