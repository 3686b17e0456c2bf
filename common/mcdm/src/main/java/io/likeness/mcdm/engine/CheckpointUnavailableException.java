package io.likeness.mcdm.engine;

/**
 * A checkpoint version cannot be used right now: not in the registry or the bucket, download or verification
 * failed, or this build has no network implementation for it. Jobs fail with the retryable
 * {@code checkpoint_unavailable} error; nothing is faked.
 */
public final class CheckpointUnavailableException extends RuntimeException {

    private final String version;

    public CheckpointUnavailableException(String version, String message, Throwable cause) {
        super("checkpoint " + version + " is unavailable: " + message, cause);
        this.version = version;
    }

    public CheckpointUnavailableException(String version, String message) {
        this(version, message, null);
    }

    public String version() {
        return version;
    }
}
