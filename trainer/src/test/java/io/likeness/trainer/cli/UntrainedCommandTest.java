package io.likeness.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.trainer.publish.UntrainedBootstrap;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code untrained} writes the stack's bootstrap checkpoint where {@code eval} and the workers' factory read it. */
class UntrainedCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesTheBootstrapCheckpointOnceAndTheFactoryLoadsIt() throws Exception {
        Path out = tmp.resolve("untrained");

        assertThat(new CommandLine(new TrainerMain()).execute("untrained", "--out", out.toString())).isZero();

        CheckpointManifest m = CheckpointStore.verify(out);
        assertThat(m.version()).isEqualTo(UntrainedBootstrap.VERSION);
        assertThat(m.architecture().preset()).isEqualTo(TinyMcdmModelsFactory.PRESET);
        assertThat(m.editCatalog()).hasSize(8).containsKeys("santa-claus", "laughing");
        try (NDManager manager = NDManager.newBaseManager()) {
            CheckpointStore.load(out, manager, TinyMcdmModelsFactory.blocks(TinyMcdmModelsFactory.modelSet(m, manager)));
        }
        // an existing directory is never overwritten
        assertThat(new CommandLine(new TrainerMain()).execute("untrained", "--out", out.toString())).isEqualTo(2);
    }
}
