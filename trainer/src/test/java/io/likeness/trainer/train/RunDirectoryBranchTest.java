package io.likeness.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.trainer.dataset.Split;
import io.likeness.trainer.dataset.StudioDatasets;
import io.likeness.trainer.foundation.VaeStage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --branch-from}: a new run started from another run's checkpoint trains on exactly as the other run would
 * have, and the other run is left alone. The real VAE stage on real studio renders, at a small crop.
 */
class RunDirectoryBranchTest {

    @TempDir
    static Path tmp;
    static Path data;

    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    @BeforeAll
    static void render() throws IOException {
        data = tmp.resolve("views");
        StudioDatasets.renderViews(data, 8, new StudioDatasets.Options(5, Split.TRAIN, 128, 4, 1, 1), null);
    }

    private static VaeStage stage() throws IOException {
        return new VaeStage(data, data, 11, new VaeStage.Settings(io.likeness.mcdm.nn.vae.VaeConfig.lean(), 1, 32,
                1e-3, 1e-6, 0.5, 2));
    }

    private static TrainingLoop.Options options(Path runDir, long steps) {
        return new TrainingLoop.Options(runDir, steps, 2, 0, null, 11, TrainingLoop.ProgressMode.NONE, "branch-test",
                "test", 5);
    }

    @Test
    void aBranchFromACheckpointContinuesAsTheOriginalRunWouldHave() throws Exception {
        Path original = tmp.resolve("original");
        try (VaeStage s = stage()) {
            new TrainingLoop(s, options(original, 6), QUIET).run();
        }
        Path origin = original.resolve("checkpoints/step-000002");
        Files.createDirectories(original.resolve("cache"));
        Files.writeString(original.resolve("cache/corpus.bin"), "frozen encoder outputs");

        Path branch = tmp.resolve("branch");
        RunDirectory dir = new RunDirectory(branch);
        assertThat(dir.branchFrom(origin)).isEqualTo(2);
        assertThat(Files.readString(branch.resolve("latest")).trim()).isEqualTo("step-000002");
        assertThat(Files.readString(branch.resolve("cache/corpus.bin"))).isEqualTo("frozen encoder outputs");
        try (VaeStage s = stage()) {
            TrainingLoop.Outcome o = new TrainingLoop(s, options(branch, 6), QUIET).run();
            assertThat(o.startStep()).isEqualTo(2);
        }

        assertThat(CheckpointStore.sha256(branch.resolve("checkpoints/step-000006/vae.params")))
                .isEqualTo(CheckpointStore.sha256(original.resolve("checkpoints/step-000006/vae.params")));
        assertThat(CheckpointStore.sha256(branch.resolve("checkpoints/step-000006/optimizer.ndlist")))
                .isEqualTo(CheckpointStore.sha256(original.resolve("checkpoints/step-000006/optimizer.ndlist")));
        List<String> branchLog = Files.readAllLines(branch.resolve("losses.csv"));
        assertThat(branchLog).hasSize(7);
        assertThat(branchLog.get(2).split(",")[4]).isEqualTo(
                Files.readAllLines(original.resolve("losses.csv")).get(2).split(",")[4]);
        assertThat(Files.readString(original.resolve("latest")).trim()).isEqualTo("step-000006");
    }

    @Test
    void aRunWithCheckpointsOrADirectoryThatIsNoCheckpointIsRefused() throws Exception {
        Path run = tmp.resolve("started");
        try (VaeStage s = stage()) {
            new TrainingLoop(s, options(run, 2), QUIET).run();
        }
        assertThatThrownBy(() -> new RunDirectory(run).branchFrom(run.resolve("checkpoints/step-000002")))
                .hasMessageContaining("has checkpoints already");
        assertThatThrownBy(() -> new RunDirectory(tmp.resolve("fresh")).branchFrom(data))
                .hasMessageContaining("not a training checkpoint");
    }
}
