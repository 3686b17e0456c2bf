package io.likeness.mcdm.edit;

import java.util.concurrent.CancellationException;

/** Thrown when a request's cancellation check returns true before a denoising step (or the mask computation). */
public final class EditCanceledException extends CancellationException {

    private final int completedSteps;
    private final int totalSteps;

    public EditCanceledException(int completedSteps, int totalSteps) {
        super("edit canceled after " + completedSteps + " of " + totalSteps + " steps");
        this.completedSteps = completedSteps;
        this.totalSteps = totalSteps;
    }

    public int completedSteps() {
        return completedSteps;
    }

    public int totalSteps() {
        return totalSteps;
    }
}
