package io.likeness.mcdm.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.edit.EditRequest;
import io.likeness.mcdm.edit.Editor;
import io.likeness.mcdm.edit.EditorConfig;
import io.likeness.mcdm.edit.PreparedImage;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.schedule.NoiseSchedule;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Long-run memory check (not a test): N edits on the tiny MCDM through one {@link Editor}, printing resident memory
 * and the model manager's array count every 100 edits, to show where RSS levels off. Arguments: [edits] (600).
 */
public final class MemoryBench {

    private MemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int edits = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Engine.getInstance().setRandomSeed(3);
        try (NDManager models = NDManager.newBaseManager("PyTorch")) {
            McdmModelSet set = McdmModelSet.createTiny(TinyPresets.defaultTokenizer(), models);
            Editor editor = new Editor(set.editorModels(), NoiseSchedule.stableDiffusion(), EditorConfig.defaults("bench"));
            try (PreparedImage prepared = editor.prepare(new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB))) {
                for (int i = 0; i <= edits; i++) {
                    editor.edit(prepared, EditRequest.builder("a person, crying").noMask().seed(i).steps(1).build());
                    if (i % 100 == 0) {
                        System.out.printf(Locale.ROOT, "edits %4d: RSS %4d MB, model arrays %d%n", i, rssMb(),
                                models.getManagedArrays().size());
                    }
                }
            }
        }
    }

    private static long rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }
}
