package io.likeness.worker;

import io.likeness.contracts.image.ImageRejectedException;
import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.job.JobError;
import io.likeness.mcdm.engine.CheckpointUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts a stage failure into a client-visible {@link JobError}: bad input and unknown edits are permanent,
 * storage and checkpoint trouble is retryable. Anything else is a bug: empty here, and the caller reports
 * {@code internal_error} and dead-letters the record.
 */
public final class Failures {

    private Failures() {
    }

    public static Optional<JobError> classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StageException s) {
                return Optional.of(s.error());
            }
            if (t instanceof ImageRejectedException r) {
                return Optional.of(new JobError(r.code(), r.getMessage(), false));
            }
            if (t instanceof CheckpointUnavailableException c) {
                return Optional.of(new JobError(ErrorCodes.CHECKPOINT_UNAVAILABLE, c.getMessage(), true));
            }
            if (t instanceof SdkException || t instanceof UncheckedIOException || t instanceof IOException) {
                return Optional.of(new JobError(ErrorCodes.STORAGE_UNAVAILABLE,
                        "object storage failed: " + t.getMessage(), true));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
