package io.likeness.worker;

import io.likeness.contracts.job.JobError;

/** A job cannot go on, for a reason the client is told (a {@link JobError}); the record is acknowledged. */
public final class StageException extends RuntimeException {

    private final JobError error;

    public StageException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public StageException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.error = new JobError(code, message, retryable);
    }

    public JobError error() {
        return error;
    }
}
