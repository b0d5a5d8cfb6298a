package fm.catalog.common.http;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST that honours Idempotency-Key: with a key, the method runs in one transaction with the
 * record of its answer (IdempotentWriteInterceptor). Every POST of the API carries it (a test checks).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface IdempotentWrite {
}
