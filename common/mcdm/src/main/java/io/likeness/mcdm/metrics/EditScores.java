package io.likeness.mcdm.metrics;

import java.awt.image.BufferedImage;

/**
 * The standard scores of one edit against exact ground truth (a studio pair): fidelity of the output to the true
 * edited image x_B over the whole image and over the pixels the edit must not touch (the complement of the true
 * changed region), and the agreement of the predicted editing mask with the true one.
 *
 * @param ssim SSIM(output, x_B), mean over R, G, B
 * @param psnr PSNR(output, x_B) in dB
 * @param ssimUnchanged SSIM over the unchanged pixels (NaN if every valid pixel changed)
 * @param psnrUnchanged PSNR over the unchanged pixels (NaN if every pixel changed)
 * @param mask IoU / precision / recall of the predicted mask, or null when no mask was predicted
 */
public record EditScores(double ssim, double psnr, double ssimUnchanged, double psnrUnchanged,
                         MaskMetrics.Scores mask) {

    /**
     * @param output the edited image under test
     * @param target the exact edited image x_B
     * @param changed the exact changed region ({@code x_A != x_B})
     * @param predictedMask the editing mask the model predicted, or null
     */
    public static EditScores of(BufferedImage output, BufferedImage target, boolean[] changed,
                                boolean[] predictedMask) {
        Planes o = Planes.rgb(output);
        Planes t = Planes.rgb(target);
        boolean[] unchanged = Masks.invert(changed);
        return new EditScores(
                Ssim.compute(o, t, Ssim.RANGE_8BIT, null).mean(),
                Psnr.compute(o, t, Ssim.RANGE_8BIT, null),
                Ssim.compute(o, t, Ssim.RANGE_8BIT, unchanged).mean(),
                Psnr.compute(o, t, Ssim.RANGE_8BIT, unchanged),
                predictedMask == null ? null : MaskMetrics.compare(predictedMask, changed));
    }
}
