package fm.catalog.support;

import fm.catalog.security.Scope;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The JAX-RS resource classes (or other annotated classes) of the application, for tests that check a rule on all of them. */
public final class ResourceClasses {
    private ResourceClasses() {
    }

    /** Every class of the application (target/classes, not the tests) annotated with @Path. */
    public static List<Class<?>> all() throws IOException, URISyntaxException, ClassNotFoundException {
        return annotatedWith(Path.class);
    }

    /** Every class of the application (target/classes, not the tests) carrying this annotation. */
    public static List<Class<?>> annotatedWith(Class<? extends Annotation> annotation)
            throws IOException, URISyntaxException, ClassNotFoundException {
        URL location = Scope.class.getProtectionDomain().getCodeSource().getLocation();
        java.nio.file.Path root = Paths.get(location.toURI());
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ResourceClasses.class.getClassLoader());
                if (type.isAnnotationPresent(annotation)) {
                    resources.add(type);
                }
            }
        }
        return resources;
    }
}
