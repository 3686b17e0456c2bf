package io.likeness.trainer.mcdm;

import io.likeness.trainer.foundation.ExpressionReader;
import io.likeness.trainer.foundation.FaceRegion;
import io.likeness.trainer.studio.Direction;
import io.likeness.trainer.studio.PairRenderer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether expression edits show their expression: the share of outputs of the expression cases that an
 * {@link ExpressionReader} reads as the requested expression, read at the face the case's pose puts there (the
 * editor keeps the layout). The zero-shot judge behind {@code edit_fidelity} cannot tell expressions apart even on
 * the studio's exact x_B (angry 0.13, shocked 0.00), so expression edits need this reader to be measured at all.
 */
public final class ExpressionFidelity {

    /** The overall share, its number of cases, and the share per expression (in {@link Direction} order). */
    public record Reading(double share, int cases, Map<Direction, Double> perDirection) {
    }

    private ExpressionFidelity() {
    }

    /** Reads {@code outputs[i]}, the edit of {@code cases[i]}, for every case whose direction is an expression. */
    public static Reading of(ExpressionReader reader, List<PairRenderer.Pair> cases, List<BufferedImage> outputs) {
        if (cases.size() != outputs.size()) {
            throw new IllegalArgumentException(cases.size() + " cases but " + outputs.size() + " outputs");
        }
        List<BufferedImage> images = new ArrayList<>();
        List<FaceRegion> faces = new ArrayList<>();
        List<Direction> wanted = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            PairRenderer.Pair c = cases.get(i);
            if (c.direction().kind() == Direction.Kind.EXPRESSION) {
                images.add(outputs.get(i));
                faces.add(FaceRegion.of(c.keypoints()));
                wanted.add(c.direction());
            }
        }
        Map<Direction, int[]> counts = new LinkedHashMap<>();
        for (Direction d : Direction.edits()) {
            if (d.kind() == Direction.Kind.EXPRESSION) {
                counts.put(d, new int[2]);
            }
        }
        int hits = 0;
        List<Direction> read = images.isEmpty() ? List.of() : reader.read(images, faces);
        for (int i = 0; i < read.size(); i++) {
            int[] c = counts.get(wanted.get(i));
            boolean hit = read.get(i) == wanted.get(i);
            c[0] += hit ? 1 : 0;
            c[1]++;
            hits += hit ? 1 : 0;
        }
        Map<Direction, Double> per = new LinkedHashMap<>();
        counts.forEach((d, c) -> {
            if (c[1] > 0) {
                per.put(d, c[0] / (double) c[1]);
            }
        });
        return new Reading(read.isEmpty() ? Double.NaN : hits / (double) read.size(), read.size(), per);
    }
}
