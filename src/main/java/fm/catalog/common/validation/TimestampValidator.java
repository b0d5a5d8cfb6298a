package fm.catalog.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;

public class TimestampValidator implements ConstraintValidator<Timestamp, Instant> {

    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
        return value == null || inRange(value);
    }

    /** Whether an instant lies in the years 0001 to 9999 (UTC); query parameters use it too. */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(Timestamp.MIN) && !instant.isAfter(Timestamp.MAX);
    }
}
