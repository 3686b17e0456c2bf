package io.likeness.trainer.publish;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.checkpoint.TrainingProvenance;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Until the pipeline has trained a real MCDM checkpoint, the local stack needs some checkpoint to run jobs end
 * to end. This publishes an UNTRAINED tiny MCDM (fresh, seeded weights; the paper's eight directions) and says
 * so in its version, note and provenance: its edits are not meaningful portraits. It is published only when the
 * registry has no promoted checkpoint, so a trained one is never replaced.
 */
public final class UntrainedBootstrap {

    public static final String VERSION = "mcdm-tiny-untrained-v0";
    public static final String NOTE = "UNTRAINED bootstrap checkpoint: fresh weights, for exercising the job plane "
            + "only; edits are not meaningful until a trained checkpoint is promoted";

    private UntrainedBootstrap() {
    }

    /** Whether a registry record is an untrained bootstrap checkpoint (published by this class, whatever version). */
    public static boolean isUntrained(ModelRecord record) {
        return VERSION.equals(record.version()) || NOTE.equals(record.note());
    }

    /** @return the record published, or empty when a promoted checkpoint already exists */
    public static Optional<ModelRecord> publishIfNoActive(ObjectStore store, String bootstrapServers, long seed)
            throws IOException {
        if (ModelRegistryReader.active(bootstrapServers, Duration.ofSeconds(30)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(publish(store, bootstrapServers, VERSION, seed, Map.of(), PromotionPolicy.FORCE).record());
    }

    /**
     * Publishes an untrained tiny checkpoint (fresh weights from {@code seed}, the paper's eight directions) under
     * any version, with the given evaluation metrics, promoted by {@code policy}: real checkpoints for exercising
     * the registry and the workers (model hot-swap, promotion gate) without training.
     */
    public static ModelPublisher.Publication publish(ObjectStore store, String bootstrapServers, String version,
                                                     long seed, Map<String, Double> metrics, PromotionPolicy policy)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Untrained u = create(version, seed, metrics, manager);
            return new ModelPublisher(store, bootstrapServers)
                    .publish(u.manifest(), TinyMcdmModelsFactory.blocks(u.set()), PaperCatalog.directions(), policy,
                            NOTE);
        }
    }

    /**
     * Writes the same untrained checkpoint (as {@link #publish} with this version and seed would publish it) to a
     * local directory: the baseline "current" checkpoint that evaluation compares a first trained one against.
     */
    public static CheckpointManifest save(Path dir, String version, long seed) throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Untrained u = create(version, seed, Map.of(), manager);
            return CheckpointStore.save(dir, u.manifest(), TinyMcdmModelsFactory.blocks(u.set()));
        }
    }

    private record Untrained(CheckpointManifest manifest, McdmModelSet set) {
    }

    private static Untrained create(String version, long seed, Map<String, Double> metrics, NDManager manager) {
        Engine.getInstance().setRandomSeed((int) seed);
        WordTokenizer tokenizer = TinyPresets.defaultTokenizer();
        Map<String, io.likeness.mcdm.checkpoint.EditDirection> manifestCatalog = new LinkedHashMap<>();
        PaperCatalog.directions().forEach(d -> manifestCatalog.put(d.id(),
                new io.likeness.mcdm.checkpoint.EditDirection(d.sourcePrompt(), d.targetPrompt(), d.maskThreshold())));
        McdmModelSet set = McdmModelSet.createTiny(tokenizer, manager);
        CheckpointManifest manifest = CheckpointManifest.of(version, TinyMcdmModelsFactory.architecture(tokenizer),
                manifestCatalog, new TrainingProvenance("untrained bootstrap (UntrainedBootstrap)",
                        List.of(seed), "none", 0, null), metrics);
        return new Untrained(manifest, set);
    }
}
