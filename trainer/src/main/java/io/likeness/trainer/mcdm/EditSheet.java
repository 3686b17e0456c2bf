package io.likeness.trainer.mcdm;

import io.likeness.mcdm.mask.MaskMap;
import io.likeness.trainer.studio.ContactSheet;
import io.likeness.trainer.studio.PairRenderer;
import io.likeness.trainer.train.Batches;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact sheet of a checkpoint's edits on held-out people. Three rows per person, one column per direction
 * after the first: (1) the source portrait, then the model's edit in each direction; (2) the edit with the model's
 * editing mask tinted red; (3) the studio's exact x_B with the exact changed region tinted red.
 */
public final class EditSheet {

    private EditSheet() {
    }

    /** @param cases the evaluation's cases (8 per person, in direction order); outputs from the same evaluation */
    public static void write(Path png, List<PairRenderer.Pair> cases, McdmEvaluation.Outputs outputs)
            throws IOException {
        List<List<BufferedImage>> rows = new ArrayList<>();
        for (int p = 0; p < cases.size(); p += 8) {
            int end = Math.min(cases.size(), p + 8);
            List<BufferedImage> edits = new ArrayList<>();
            List<BufferedImage> masked = new ArrayList<>();
            List<BufferedImage> truth = new ArrayList<>();
            edits.add(cases.get(p).a());
            masked.add(null);
            truth.add(null);
            for (int k = p; k < end; k++) {
                BufferedImage edit = outputs.images().get(k);
                edits.add(edit);
                MaskMap m = outputs.masks().get(k);
                masked.add(m == null ? edit : ContactSheet.overlay(edit, binary(m, edit.getHeight(), edit.getWidth())));
                truth.add(ContactSheet.overlay(cases.get(k).b(), cases.get(k).mask()));
            }
            rows.add(edits);
            rows.add(masked);
            rows.add(truth);
        }
        Batches.writeGrid(png, rows);
    }

    static boolean[] binary(MaskMap mask, int height, int width) {
        MaskMap m = mask.height() == height && mask.width() == width ? mask : mask.resize(height, width);
        boolean[] out = new boolean[height * width];
        float[] v = m.values();
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i] >= 0.5f;
        }
        return out;
    }
}
