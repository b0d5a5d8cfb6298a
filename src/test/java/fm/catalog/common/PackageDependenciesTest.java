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

    /**
     * No two packages depend on each other, directly or around a loop: the features form layers
     * (security, link, topic, guest, show, episode, importing), each using only those below it.
     */
    @Test
    void shouldFormNoCycleAmongPackages() throws IOException {
        java.util.Map<String, java.util.Set<String>> uses = new java.util.TreeMap<>();
        try (Stream<Path> packages = Files.list(SOURCES)) {
            for (Path dir : packages.filter(Files::isDirectory).toList()) {
                String from = dir.getFileName().toString();
                java.util.Set<String> targets = new java.util.TreeSet<>();
                imports(from, target -> !target.equals(from)).forEach(line -> targets.add(line.substring(line.lastIndexOf('.') + 1)));
                uses.put(from, targets);
            }
        }
        assertTrue(uses.keySet().containsAll(List.of("episode", "guest", "link", "show", "topic", "importing")), "the scan sees the features");
        for (String start : uses.keySet()) {
            // every package reachable from start must not lead back to it
            java.util.Deque<String> todo = new java.util.ArrayDeque<>(uses.get(start));
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!todo.isEmpty()) {
                String next = todo.pop();
                assertTrue(!next.equals(start), start + " depends on itself through " + seen + ": " + uses);
                if (seen.add(next)) {
                    todo.addAll(uses.getOrDefault(next, java.util.Set.of()));
                }
            }
        }
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
