package fm.catalog.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.common.ratelimit.RateLimitConfig;
import fm.catalog.support.ConstraintAnnotations;
import fm.catalog.support.ResourceClasses;
import io.smallrye.config.ConfigMapping;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalog's configuration mappings (every @ConfigMapping of the application) carry no Bean Validation
 * constraint. One constraint anywhere on them makes Quarkus build a validator over the configuration classes of
 * every extension (some 160) at each start, a fifth of the start's CPU; values are checked by converters
 * ({@link CatalogConfig.Positive}) and start-up checks instead.
 */
class ConfigMappingsTest {

    @Test
    void shouldCarryNoConstraint() throws Exception {
        List<String> constrained = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        List<Class<?>> mappings = ResourceClasses.annotatedWith(ConfigMapping.class);
        assertTrue(mappings.containsAll(List.of(CatalogConfig.class, RateLimitConfig.class)), "mappings found: " + mappings);
        for (Class<?> root : mappings) {
            collect(root, seen, constrained);
        }
        assertEquals(List.of(), constrained);
        // the walk reached the nested groups (feed, db, http, ...), not only the roots
        assertEquals(true, seen.size() > 8, "groups seen: " + seen);
    }

    @Test
    void shouldRefuseACountBelowOne() {
        CatalogConfig.Positive positive = new CatalogConfig.Positive();
        assertEquals(1, positive.convert("1"));
        assertEquals(12, positive.convert(" 12 "));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> positive.convert("0"));
        assertEquals("must be at least 1: 0", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> positive.convert("-3"));
        assertThrows(NumberFormatException.class, () -> positive.convert("two"));
    }

    private static void collect(Class<?> mapping, Set<Class<?>> seen, List<String> constrained) {
        if (!seen.add(mapping)) {
            return;
        }
        for (Method method : mapping.getDeclaredMethods()) {
            String where = mapping.getName() + "." + method.getName();
            constrained.addAll(ConstraintAnnotations.on(where, method.getAnnotations(), method.getAnnotatedReturnType()));
            if (method.getReturnType().isInterface() && method.getReturnType().getName().startsWith("fm.catalog.")) {
                collect(method.getReturnType(), seen, constrained);
            }
        }
        for (Class<?> nested : mapping.getDeclaredClasses()) {
            if (nested.isInterface()) {
                collect(nested, seen, constrained);
            }
        }
    }
}
