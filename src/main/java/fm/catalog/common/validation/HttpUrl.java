package fm.catalog.common.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An absolute http or https URL with a host, at most 2048 characters. Other schemes (javascript:,
 * data:, file:) are refused because these URLs end up in partner pages and feeds.
 */
@Documented
@Constraint(validatedBy = HttpUrlValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface HttpUrl {
    String message() default "must be an http or https URL of at most 2048 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
