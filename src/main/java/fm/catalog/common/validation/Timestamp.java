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
import java.time.Instant;

/**
 * An instant within the years 0001 to 9999 (UTC), what RFC 3339 can write. Jackson reads far wider
 * ("+99999-01-01T00:00:00Z", year 0000, epoch seconds in the trillions), and such values either fail
 * in PostgreSQL or come back in a form no RFC 3339 client can read.
 */
@Documented
@Constraint(validatedBy = TimestampValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Timestamp {
    Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");
    String RANGE = "must be an RFC 3339 timestamp from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z";

    String message() default RANGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
