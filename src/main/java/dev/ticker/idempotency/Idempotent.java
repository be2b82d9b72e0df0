package dev.ticker.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * A POST that honours the {@code Idempotency-Key} header (docs/idempotency.md): with the header,
 * the request runs in one transaction with the claim of its key, and a retry with the same key
 * and body gets the first answer again instead of running again. Every {@code @POST} resource
 * method carries it (ArchitectureTest).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Idempotent {

    /**
     * The answer holds a secret that is shown only once (a token, a webhook's signing secret). It
     * is not kept: a retry gets a 409 that points at what the first request made instead of the
     * answer.
     */
    @Nonbinding
    boolean secret() default false;
}
