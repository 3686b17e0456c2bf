package io.likeness.trainer.foundation;

import ai.djl.nn.Parameter;
import io.likeness.mcdm.nn.vae.AutoencoderKL;
import java.util.Map;

/**
 * Puts a fine-tuned decoder ({@code train vae --decoder-from}) into an autoencoder whose latent space it was tuned
 * on, as Stable Diffusion users swap in the ft-MSE decoder: the encoder side (encoder and {@code quant_conv}) must be
 * the same, or the models trained on its latents would be decoded from a different space; the decoder side
 * ({@code post_quant_conv} and decoder) is copied over.
 */
public final class DecoderSwap {

    /** Largest difference tolerated between the two encoders' weights: float16 rounding of a shipped checkpoint. */
    static final double ENCODER_TOLERANCE = 1e-3;

    private DecoderSwap() {
    }

    /**
     * Copies {@code tuned}'s decoder into {@code target}.
     *
     * @return the number of decoder parameters copied
     * @throws IllegalArgumentException if the encoders differ, or the two configurations do
     */
    public static int apply(AutoencoderKL target, AutoencoderKL tuned) {
        if (!target.config().withScaleFactor(0).equals(tuned.config().withScaleFactor(0))
                || target.config().scaleFactor() != tuned.config().scaleFactor()) {
            throw new IllegalArgumentException("the decoder's autoencoder is configured " + tuned.config()
                    + ", the target " + target.config() + ": it was not fine-tuned from this autoencoder");
        }
        Map<String, Parameter> to = target.namedParameters();
        Map<String, Parameter> from = tuned.namedParameters();
        int copied = 0;
        for (Map.Entry<String, Parameter> e : to.entrySet()) {
            Parameter source = from.get(e.getKey());
            float[] want = source.getArray().toFloatArray();
            if (isDecoder(e.getKey())) {
                e.getValue().getArray().set(want);
                copied++;
            } else {
                float[] have = e.getValue().getArray().toFloatArray();
                for (int i = 0; i < have.length; i++) {
                    if (Math.abs(have[i] - want[i]) > ENCODER_TOLERANCE) {
                        throw new IllegalArgumentException("encoder parameter " + e.getKey() + " differs ("
                                + have[i] + " against " + want[i] + " at " + i + "): the decoder was fine-tuned on "
                                + "another autoencoder's latents; fine-tune it with train vae --decoder-from on "
                                + "this one (trainer extract writes it out)");
                    }
                }
            }
        }
        return copied;
    }

    static boolean isDecoder(String parameterName) {
        return parameterName.startsWith("decoder.") || parameterName.startsWith("post_quant_conv.");
    }
}
