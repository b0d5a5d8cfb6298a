package fm.catalog.common.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answer of this method holds a secret shown once (a new API key's). Its body is never kept
 * for an Idempotency-Key: a retry gets the first answer's status, Location and ETag, without a body,
 * and writes nothing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SecretInBody {
}
