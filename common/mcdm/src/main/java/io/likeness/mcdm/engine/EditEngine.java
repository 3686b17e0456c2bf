package io.likeness.mcdm.engine;

import io.likeness.mcdm.edit.ProgressListener;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The seam between the Kafka stages and the MCDM: what the mask worker and the GPU worker ask of the model, in
 * plain Java types (no NDArrays cross it). The production implementation is {@link McdmEditEngine}; tests plug
 * their own. Every call names the checkpoint version it must run on, so the edit stage uses the same weights the
 * mask stage used.
 *
 * <p>Failures: {@link CheckpointUnavailableException} (retryable) when the version cannot be loaded;
 * {@link io.likeness.mcdm.edit.EditCanceledException} when {@code canceled} fires; anything else is a bug.
 */
public interface EditEngine {

    /** Prepares the model-resolution image and computes the paper's editing mask (§3.4) for a prompt pair. */
    MaskOutput mask(MaskInput input);

    /** Runs the mask-guided (or unmasked) denoising of a prepared image. */
    EditOutput edit(EditInput input);

    /**
     * @param modelInput   the framed square image (TYPE_INT_RGB, model resolution)
     * @param lambda       mask threshold λ
     * @param seed         mask-noise seed (the job's seed)
     * @param canceled     polled before each network call
     */
    record MaskInput(String checkpointVersion, BufferedImage modelInput, String sourcePrompt, String targetPrompt,
                     double lambda, long seed, BooleanSupplier canceled) {
        public MaskInput {
            Objects.requireNonNull(checkpointVersion, "checkpointVersion");
            Objects.requireNonNull(modelInput, "modelInput");
            canceled = canceled == null ? () -> false : canceled;
        }
    }

    /**
     * Masks at the model resolution, row-major {@code size × size}, values in [0, 1] (1 = edit).
     *
     * @param soft   the normalised, blurred mask before thresholding
     * @param binary {@code soft > λ} as 0/1
     */
    record MaskOutput(int size, float[] soft, float[] binary) {
        public MaskOutput {
            if (soft.length != size * size || binary.length != size * size) {
                throw new IllegalArgumentException("masks must have " + size + "² values");
            }
        }
    }

    /**
     * @param prepared   the model-resolution image the mask stage stored
     * @param mask       the binary mask at model resolution (1 = edit), empty for an unmasked edit
     * @param sourcePrompt p_a (guides the region outside the mask)
     * @param progress   called after each denoising step
     * @param canceled   polled before each denoising step
     */
    record EditInput(String checkpointVersion, BufferedImage prepared, Optional<float[]> mask, String sourcePrompt,
                     String targetPrompt, long seed, int steps, double imageScale, double spatialScale,
                     double textScale, ProgressListener progress, BooleanSupplier canceled) {
        public EditInput {
            Objects.requireNonNull(checkpointVersion, "checkpointVersion");
            Objects.requireNonNull(prepared, "prepared");
            Objects.requireNonNull(targetPrompt, "targetPrompt");
            mask = mask == null ? Optional.empty() : mask;
            progress = progress == null ? ProgressListener.none() : progress;
            canceled = canceled == null ? () -> false : canceled;
        }
    }

    /**
     * @param edited   the model's output at model resolution
     * @param settings generation settings as PNG text entries ({@code likeness.*})
     */
    record EditOutput(BufferedImage edited, Map<String, String> settings) {
        public EditOutput {
            Objects.requireNonNull(edited, "edited");
            settings = settings == null ? Map.of() : settings;
        }
    }
}
