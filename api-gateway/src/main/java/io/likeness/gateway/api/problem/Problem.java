package io.likeness.gateway.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;

/**
 * RFC 9457 problem details, with two extension members: {@code code} (stable, machine-readable, see
 * {@link io.likeness.contracts.job.ErrorCodes}) and {@code retryable}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String code,
                      Boolean retryable) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail, boolean retryable, String instance) {
        return new Problem(URI.create("https://likeness.dev/problems/" + code.replace('_', '-')), title, status, detail,
                instance, code, retryable);
    }
}
