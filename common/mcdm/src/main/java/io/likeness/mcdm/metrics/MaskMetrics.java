package io.likeness.mcdm.metrics;

/**
 * Agreement of a predicted binary mask with a ground-truth mask (both {@code boolean[y * width + x]}).
 * Where a ratio has a zero denominator it is 1 if both masks are empty there (nothing to find, nothing claimed)
 * and 0 otherwise: IoU of two empty masks is 1, precision of an empty prediction is 1 only if the truth is empty,
 * recall of an empty truth is 1.
 */
public final class MaskMetrics {

    private MaskMetrics() {
    }

    public record Scores(long truePositives, long falsePositives, long falseNegatives, long trueNegatives,
                         double iou, double precision, double recall, double f1) {
    }

    public static Scores compare(boolean[] predicted, boolean[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("mask lengths differ: " + predicted.length + " vs " + truth.length);
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i]) {
                if (truth[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (truth[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        double iou = ratio(tp, tp + fp + fn);
        double precision = tp + fp == 0 ? (fn == 0 ? 1.0 : 0.0) : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new Scores(tp, fp, fn, tn, iou, precision, recall, f1);
    }

    public static double iou(boolean[] predicted, boolean[] truth) {
        return compare(predicted, truth).iou();
    }

    public static double precision(boolean[] predicted, boolean[] truth) {
        return compare(predicted, truth).precision();
    }

    public static double recall(boolean[] predicted, boolean[] truth) {
        return compare(predicted, truth).recall();
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 1.0 : (double) num / den;
    }
}
