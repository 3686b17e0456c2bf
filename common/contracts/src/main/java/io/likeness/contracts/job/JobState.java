package io.likeness.contracts.job;

/**
 * Lifecycle of an edit job. The allowed moves are in {@link JobTransitions}.
 *
 * <pre>
 * QUEUED ──▶ MASKING ──▶ MASKED ──▶ EDITING ──▶ SUCCEEDED
 *    │          │           │          │
 *    └──────────┴───────────┴──────────┴──▶ FAILED | CANCELED
 * </pre>
 */
public enum JobState {
    /** Accepted; input stored; waiting for the mask stage. */
    QUEUED(Stage.MASK),
    /** The mask worker prepares the input and computes the editing mask. */
    MASKING(Stage.MASK),
    /** Prepared input and mask stored; waiting for a GPU worker. */
    MASKED(Stage.EDIT),
    /** A GPU worker is denoising (progress: step k of n). */
    EDITING(Stage.EDIT),
    SUCCEEDED(Stage.DONE),
    FAILED(Stage.DONE),
    CANCELED(Stage.DONE);

    /** The pipeline stage a state belongs to. */
    public enum Stage { MASK, EDIT, DONE }

    private final Stage stage;

    JobState(Stage stage) {
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }

    public boolean isTerminal() {
        return stage == Stage.DONE;
    }
}
