package io.likeness.mcdm.checkpoint;

import java.io.IOException;

/** A checkpoint file is missing, unexpected or does not match the sha256 recorded in the manifest. */
public final class CheckpointIntegrityException extends IOException {

    private final String file;

    public CheckpointIntegrityException(String file, String message) {
        super("checkpoint file '" + file + "': " + message);
        this.file = file;
    }

    /** The offending file's name inside the checkpoint. */
    public String file() {
        return file;
    }
}
