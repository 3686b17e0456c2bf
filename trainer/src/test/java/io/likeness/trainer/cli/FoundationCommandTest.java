package io.likeness.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.mcdm.checkpoint.CheckpointStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code foundation --plan toy}: the chain command renders its data, trains up to a stage, and skips it next time. */
class FoundationCommandTest {

    @TempDir
    Path work;

    @Test
    void trainsUpToTheStageAndSkipsFinishedStagesWhenRunAgain() throws Exception {
        String[] args = {"foundation", "--plan", "toy", "--until", "clip", "--seed", "4", "--progress", "none",
            "--work", work.toString()};
        assertThat(new CommandLine(new TrainerMain()).execute(args)).isZero();
        assertThat(CheckpointStore.verify(work.resolve("runs/vae/final")).version()).isEqualTo("vae-s4-2");
        assertThat(CheckpointStore.verify(work.resolve("runs/clip/final")).version()).isEqualTo("clip-s4-2");
        assertThat(work.resolve("runs/identity")).doesNotExist();
        long modified = work.resolve("runs/clip/final/manifest.json").toFile().lastModified();

        assertThat(new CommandLine(new TrainerMain()).execute(args)).isZero();
        assertThat(work.resolve("runs/clip/final/manifest.json").toFile().lastModified()).isEqualTo(modified);
        assertThat(new CommandLine(new TrainerMain()).execute("foundation", "--until", "decoder",
                "--work", work.toString())).isEqualTo(2);
    }
}
