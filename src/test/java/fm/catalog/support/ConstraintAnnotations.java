package fm.catalog.support;

import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.util.ArrayList;
import java.util.List;

/** Bean Validation annotations (constraints and @Valid) on an element and anywhere in its type (List<@NotNull X>). */
public final class ConstraintAnnotations {

    private ConstraintAnnotations() {
    }

    /** "where: @Name" for each one found. */
    public static List<String> on(String where, Annotation[] annotations, AnnotatedType type) {
        List<String> found = new ArrayList<>();
        collect(where, annotations, found);
        collect(where, type, found);
        return found;
    }

    private static void collect(String where, AnnotatedType type, List<String> found) {
        collect(where, type.getAnnotations(), found);
        if (type instanceof AnnotatedParameterizedType parameterized) {
            for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                collect(where, argument, found);
            }
        }
    }

    private static void collect(String where, Annotation[] annotations, List<String> found) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().isAnnotationPresent(Constraint.class) || annotation instanceof Valid) {
                found.add(where + ": @" + annotation.annotationType().getSimpleName());
            }
        }
    }
}
