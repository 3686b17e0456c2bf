package io.likeness.mcdm.edit;

/** Called after each denoising step with the 1-based step number and the total. */
@FunctionalInterface
public interface ProgressListener {

    void onStep(int step, int totalSteps);

    static ProgressListener none() {
        return (step, total) -> { };
    }
}
