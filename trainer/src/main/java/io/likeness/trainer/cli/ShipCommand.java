package io.likeness.trainer.cli;

import ai.djl.ndarray.NDManager;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.checkpoint.TrainingProvenance;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.trainer.foundation.DecoderSwap;
import io.likeness.trainer.foundation.FoundationCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ship}: copies a trained MCDM checkpoint into a directory meant to be committed or shipped (the product's
 * {@code models/default/}), with its weights stored in float16 so the tiny preset fits the repository's 50 MB
 * budget. The manifest (version, edit catalog, provenance, metrics) is kept as is; loading yields float32 weights.
 * Markdown files already in the output directory (the model card, {@code MODEL.md}) are carried over.
 */
@Command(name = "ship", mixinStandardHelpOptions = true,
        description = "Copy an MCDM checkpoint (a run's final/) to a shippable directory, weights in float16.")
public final class ShipCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Trained MCDM checkpoint directory (e.g. var/train/runs/mcdm/final).")
    Path checkpoint;

    @Option(names = "--out", defaultValue = "models/default",
            description = "Output directory, replaced; its *.md files are kept (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--float32", description = "Keep float32 weights (twice the size).")
    boolean float32;

    @Option(names = "--decoder", description = "A vae checkpoint whose decoder was fine-tuned (train vae "
            + "--decoder-from) on this checkpoint's autoencoder: its decoder is shipped instead. The evaluation "
            + "metrics of the checkpoint are dropped (they describe the old decoder; run eval --record again).")
    Path decoder;

    @Option(names = "--version-name", description = "Version of the shipped checkpoint (required with --decoder).")
    String version;

    @Override
    public Integer call() throws IOException {
        CheckpointManifest manifest = CheckpointStore.verify(checkpoint);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        delete(tmp);
        try (NDManager manager = NDManager.newBaseManager()) {
            McdmModelSet set = TinyMcdmModelsFactory.modelSet(manifest, manager);
            var blocks = TinyMcdmModelsFactory.blocks(set);
            CheckpointStore.load(checkpoint, manager, blocks);
            if (decoder != null) {
                manifest = withDecoder(manifest, set, manager);
            } else if (version != null) {
                manifest = new CheckpointManifest(manifest.formatVersion(), version, manifest.architecture(),
                        manifest.editCatalog(), manifest.provenance(), manifest.metrics(), null);
            }
            if (float32) {
                CheckpointStore.save(tmp, manifest, blocks);
            } else {
                CheckpointStore.saveHalf(tmp, manifest, blocks);
            }
            // read what was written back, the way a worker will (hashes, names, shapes), before it replaces anything
            CheckpointStore.load(tmp, manager, blocks);
        }
        keepModelCards(out, tmp);
        delete(out);
        Files.move(tmp, out);
        System.out.printf(Locale.ROOT, "%s (%s) shipped to %s: %.1f MB (%s weights; the run's checkpoint is %.1f MB)%n",
                manifest.version(), checkpoint, out, size(out) / 1e6, float32 ? "float32" : "float16",
                size(checkpoint) / 1e6);
        return 0;
    }

    /** Swaps the decoder in and says so in the manifest: new version, provenance noting the decoder. */
    private CheckpointManifest withDecoder(CheckpointManifest manifest, McdmModelSet set, NDManager manager)
            throws IOException {
        if (version == null || version.equals(manifest.version())) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--decoder needs a new --version-name: the shipped weights are no longer " + manifest.version()
                            + "'s");
        }
        CheckpointManifest tuned = CheckpointStore.verify(decoder);
        int copied = DecoderSwap.apply(set.vae(), FoundationCheckpoints.vae(decoder, manager));
        System.out.printf(Locale.ROOT, "decoder of %s (%d parameters) put into %s%n", tuned.version(), copied,
                manifest.version());
        TrainingProvenance p = manifest.provenance();
        TrainingProvenance provenance = new TrainingProvenance(p.command() + "; then its decoder replaced by "
                + tuned.version() + "'s (" + tuned.provenance().command() + ")", p.seeds(), p.data(), p.steps(),
                p.gitCommit());
        Map<String, Double> kept = new TreeMap<>();
        manifest.metrics().forEach((k, v) -> {
            if (k.equals("steps") || k.equals("train_seconds")) {
                kept.put(k, v);
            }
        });
        tuned.metrics().forEach((k, v) -> {
            if (k.startsWith("val_")) {
                kept.put("decoder_" + k, v);
            }
        });
        return new CheckpointManifest(manifest.formatVersion(), version, manifest.architecture(),
                manifest.editCatalog(), provenance, kept, null);
    }

    /** Hand-written Markdown next to the weights (models/default/MODEL.md, the model card) outlives a re-ship. */
    private static void keepModelCards(Path out, Path tmp) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".md")).toList()) {
                Files.copy(f, tmp.resolve(f.getFileName()));
                System.out.println("kept " + f.getFileName() + " from the previous " + out);
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            PathUtils.deleteDirectory(dir);
        }
    }
}
