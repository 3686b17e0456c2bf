package io.likeness.contracts.job;

/**
 * Why a job failed, as clients see it.
 *
 * @param code      stable machine-readable code (see {@link ErrorCodes})
 * @param message   what happened and what to do about it
 * @param retryable whether submitting the same request again may succeed (transient infrastructure trouble)
 *                  or not (bad input, unknown edit direction)
 */
public record JobError(String code, String message, boolean retryable) {
}
