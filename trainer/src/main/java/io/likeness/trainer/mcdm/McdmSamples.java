package io.likeness.trainer.mcdm;

import io.likeness.mcdm.edit.EditRequest;
import io.likeness.mcdm.edit.EditResult;
import io.likeness.mcdm.edit.Editor;
import io.likeness.mcdm.edit.EditorConfig;
import io.likeness.mcdm.edit.PreparedImage;
import io.likeness.mcdm.schedule.NoiseSchedule;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.studio.PairRenderer;
import io.likeness.trainer.train.Batches;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MCDM's picture during training: two validation people, each row the source portrait then its edit in each of
 * the eight directions, through the product's own {@link Editor} (UniPC 20 steps, automatic editing mask).
 */
final class McdmSamples {

    private final McdmStage stage;
    private final List<PairRenderer.Pair> cases;
    private final int steps;

    McdmSamples(McdmStage stage, int steps) {
        this.stage = stage;
        this.steps = steps;
        this.cases = StudioEditCases.cases(Split.VALIDATION, 2, 3);
    }

    void write(Path png, long seed) throws IOException {
        Editor editor = new Editor(stage.editorModels(), NoiseSchedule.stableDiffusion(),
                EditorConfig.defaults("training"));
        List<List<BufferedImage>> rows = new ArrayList<>();
        for (int p = 0; p < cases.size(); p += 8) {
            List<BufferedImage> row = new ArrayList<>();
            row.add(cases.get(p).a());
            try (PreparedImage prepared = editor.prepare(cases.get(p).a())) {
                for (int k = p; k < p + 8; k++) {
                    PairRenderer.Pair c = cases.get(k);
                    EditResult r = editor.edit(prepared, EditRequest.builder(prompt(c, false))
                            .sourcePrompt(prompt(c, true)).seed(seed + k).steps(steps)
                            .autoMask(c.direction().defaultMaskThreshold())
                            .build());
                    row.add(r.image());
                }
            }
            rows.add(row);
        }
        Batches.writeGrid(png, rows);
    }

    static String prompt(PairRenderer.Pair c, boolean source) {
        return "a person, " + (source ? c.direction().sourcePhrase() : c.direction().phrase());
    }
}
