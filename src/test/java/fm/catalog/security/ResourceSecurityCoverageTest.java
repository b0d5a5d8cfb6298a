package fm.catalog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads are public, so a write without a security annotation would be public too. Every JAX-RS
 * resource of the application is found by reflection: each method that is not a read must declare
 * who may call it (on the method or its class), and every permission named must be a scope.
 */
class ResourceSecurityCoverageTest {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final List<Class<? extends Annotation>> SECURITY = List.of(PermissionsAllowed.class, RolesAllowed.class,
            Authenticated.class, DenyAll.class, PermitAll.class);

    @Test
    void shouldDeclareAccessOnEveryWrite() throws Exception {
        List<Class<?>> resources = resourceClasses();
        assertTrue(resources.stream().map(Class::getSimpleName).collect(Collectors.toSet()).containsAll(Set.of(
                "ShowResource", "EpisodeResource", "GuestResource", "TopicResource", "LinkResource", "ImportResource", "ApiKeyResource")),
                "the scan finds the resources: " + resources);
        List<String> unprotected = new ArrayList<>();
        List<String> locators = new ArrayList<>();
        int writes = 0;
        for (Class<?> resource : resources) {
            for (Method method : resource.getMethods()) {
                List<String> httpMethods = httpMethods(method);
                if (httpMethods.isEmpty()) {
                    if (method.isAnnotationPresent(Path.class)) {
                        locators.add(name(method));
                    }
                    continue;
                }
                if (READS.containsAll(httpMethods)) {
                    continue;
                }
                writes++;
                if (!secured(method) && !secured(resource)) {
                    unprotected.add(httpMethods + " " + name(method));
                }
            }
        }
        assertEquals(List.of(), unprotected, "writes without @PermissionsAllowed (or another security annotation)");
        // a sub-resource locator's methods would escape this check: look into them before allowing one
        assertEquals(List.of(), locators, "sub-resource locators");
        assertTrue(writes > 0, "the scan finds the writes");
    }

    @Test
    void shouldNameOnlyScopesAsPermissions() throws Exception {
        Set<String> scopes = Arrays.stream(Scope.values()).map(Scope::wire).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            Stream.concat(Stream.of(resource), Arrays.stream(resource.getMethods()))
                    .map(element -> ((AnnotatedElement) element).getAnnotation(PermissionsAllowed.class))
                    .filter(declared -> declared != null)
                    .flatMap(declared -> Arrays.stream(declared.value()))
                    .filter(permission -> !scopes.contains(permission))
                    .forEach(permission -> unknown.add(resource.getSimpleName() + ": " + permission));
        }
        assertEquals(List.of(), unknown);
    }

    private static boolean secured(AnnotatedElement element) {
        return SECURITY.stream().anyMatch(element::isAnnotationPresent);
    }

    private static List<String> httpMethods(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(h -> h != null).map(HttpMethod::value).toList();
    }

    private static String name(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        return fm.catalog.support.ResourceClasses.all();
    }
}
