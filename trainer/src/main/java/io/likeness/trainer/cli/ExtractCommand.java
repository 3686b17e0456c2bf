package io.likeness.trainer.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.checkpoint.TrainingProvenance;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.vae.VaeConfig;
import io.likeness.trainer.foundation.FoundationCheckpoints;
import io.likeness.trainer.train.GitCommit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code extract}: an MCDM checkpoint carries the frozen networks it was trained with — the text and image towers
 * (with their tokenizer's vocabulary) and the autoencoder (with its configuration and measured scale factor). This
 * writes them back out as the foundation checkpoints the {@code clip} and {@code vae} stages would have published,
 * so the chain can restart from a shipped model (for example the committed {@code models/default}) when the run
 * directories that made it are gone: {@code train identity} and {@code train base} take them as {@code --clip} and
 * {@code --vae}. The weights are copied unchanged (a float16 checkpoint yields its float16 values in float32).
 * A word path ({@code words}, from a base trained with {@code --word-context}) is not written out: it was trained
 * with the base and the MCDM, not with the encoders, and {@code train base --word-context} starts its own.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Write the encoders and autoencoder an MCDM checkpoint carries as clip and vae checkpoints.")
public final class ExtractCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "MCDM checkpoint directory (e.g. models/default).")
    Path checkpoint;

    @Option(names = "--out", required = true,
            description = "Directory to write clip/ and vae/ into (each a checkpoint in the library's format).")
    Path out;

    @Override
    public Integer call() throws IOException {
        CheckpointManifest source = CheckpointStore.verify(checkpoint);
        try (NDManager manager = NDManager.newBaseManager()) {
            McdmModelSet set = TinyMcdmModelsFactory.modelSet(source, manager);
            CheckpointStore.load(checkpoint, manager, TinyMcdmModelsFactory.blocks(set));
            String from = "extracted from " + source.version() + " (" + source.provenance().data() + ")";
            TrainingProvenance provenance = new TrainingProvenance("likeness-trainer extract " + checkpoint,
                    source.provenance().seeds(), from, 0, GitCommit.current());

            Map<String, Block> clipBlocks = new LinkedHashMap<>();
            clipBlocks.put("text", set.text());
            clipBlocks.put("vision", set.vision());
            CheckpointManifest clip = CheckpointStore.save(out.resolve("clip"), CheckpointManifest.of(
                    source.version() + "-clip", new ArchitectureSpec("clip-tiny",
                    FoundationCheckpoints.clipHyperParameters(set.tokenizer(), set.text(), set.vision())), Map.of(),
                    provenance, Map.of()), clipBlocks);

            VaeConfig vaeConfig = set.vae().config();
            CheckpointManifest vae = CheckpointStore.save(out.resolve("vae"), CheckpointManifest.of(
                    source.version() + "-vae", new ArchitectureSpec("vae-kl-f8", vaeConfig.toJson()), Map.of(),
                    provenance, Map.of()), Map.of("vae", set.vae()));

            // read both back the way the stages will, before saying they are there
            FoundationCheckpoints.clip(out.resolve("clip"), manager);
            FoundationCheckpoints.vae(out.resolve("vae"), manager);
            System.out.printf(Locale.ROOT, "%s: %s and %s written to %s (clip/, vae/)%n", source.version(),
                    clip.version(), vae.version(), out);
            if (set.words() != null) {
                System.out.println("its word path (words) is not extracted: it belongs to the base and the MCDM, "
                        + "and train base --word-context trains a new one");
            }
        }
        return 0;
    }
}
