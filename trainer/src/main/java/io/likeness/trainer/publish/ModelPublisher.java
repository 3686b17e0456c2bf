package io.likeness.trainer.publish;

import ai.djl.nn.Block;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.model.ModelRegistryWriter;
import io.likeness.contracts.model.PromotionGate;
import io.likeness.contracts.model.Promotions;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Publishes a checkpoint: saves it (manifest + one {@code .params} per block, sha256 of each), uploads its archive
 * to {@code models/{version}/checkpoint.zip}, and announces it on the compacted {@code likeness.models} topic as
 * PUBLISHED. Then, by {@link PromotionPolicy}: nothing, a promotion if the {@link PromotionGate} passes, or a
 * promotion in any case. A promotion ({@link Promotions#promote}) makes the version PROMOTED and the {@code active}
 * key (which workers use for new jobs) and sends the previously active version back to PUBLISHED.
 */
public final class ModelPublisher {

    public static final String ARCHIVE = "checkpoint.zip";
    private static final Duration REGISTRY_READ_TIMEOUT = Duration.ofSeconds(30);

    /** The outcome: the version's record as it now is, and the gate's decision when the policy asked for it. */
    public record Publication(ModelRecord record, boolean promoted, Optional<PromotionGate.Decision> gate) {
    }

    private final ObjectStore store;
    private final String bootstrapServers;
    private final PromotionGate gate;

    public ModelPublisher(ObjectStore store, String bootstrapServers) {
        this(store, bootstrapServers, PromotionGate.standard());
    }

    public ModelPublisher(ObjectStore store, String bootstrapServers, PromotionGate gate) {
        this.store = store;
        this.bootstrapServers = bootstrapServers;
        this.gate = gate;
    }

    /** Publishes, and promotes when {@code promote} ({@link PromotionPolicy#FORCE}) — the original entry point. */
    public ModelRecord publish(CheckpointManifest manifest, Map<String, Block> blocks, List<EditDirection> catalog,
                               boolean promote, String note) throws IOException {
        return publish(manifest, blocks, catalog, promote ? PromotionPolicy.FORCE : PromotionPolicy.NONE, note).record();
    }

    public Publication publish(CheckpointManifest manifest, Map<String, Block> blocks, List<EditDirection> catalog,
                               PromotionPolicy policy, String note) throws IOException {
        Path dir = Files.createTempDirectory("likeness-checkpoint-");
        try {
            CheckpointManifest saved = CheckpointStore.save(dir.resolve("checkpoint"), manifest, blocks);
            return announce(dir.resolve("checkpoint"), saved, catalog, policy, note);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Publishes a checkpoint already saved by the trainer (a run's {@code final/} or a committed default under
     * {@code models/}): verifies it, uploads its archive and announces it like {@link #publish}. The registry's
     * catalog is the checkpoint's own edit catalog.
     */
    public Publication publishSaved(Path dir, PromotionPolicy policy, String note) throws IOException {
        CheckpointManifest manifest = CheckpointStore.verify(dir);
        if (manifest.editCatalog().isEmpty()) {
            throw new IOException(dir + " holds " + manifest.version() + ", which has no edit catalog: "
                    + "only MCDM product checkpoints can be published to the model registry");
        }
        List<EditDirection> catalog = manifest.editCatalog().entrySet().stream()
                .map(e -> new EditDirection(e.getKey(), e.getValue().sourcePrompt(), e.getValue().targetPrompt(),
                        e.getValue().maskThreshold()))
                .toList();
        return announce(dir, manifest, catalog, policy, note);
    }

    /** Uploads the saved checkpoint, writes its PUBLISHED record, then promotes it as the policy says. */
    private Publication announce(Path dir, CheckpointManifest manifest, List<EditDirection> catalog,
                                 PromotionPolicy policy, String note) throws IOException {
        String key = StorageKeys.modelPrefix(manifest.version()) + ARCHIVE;
        CheckpointStore.upload(store, key, dir);
        ModelRecord record = new ModelRecord(ModelRecord.SCHEMA_VERSION, manifest.version(),
                ModelRecord.Status.PUBLISHED, key, catalog, manifest.metrics(), Instant.now(), note);
        try (ModelRegistryWriter writer = new ModelRegistryWriter(bootstrapServers)) {
            writer.write(record.version(), record);
            return policy == PromotionPolicy.NONE ? new Publication(record, false, Optional.empty())
                    : promote(writer, record, policy);
        }
    }

    private Publication promote(ModelRegistryWriter writer, ModelRecord record, PromotionPolicy policy)
            throws IOException {
        Map<String, ModelRecord> registry = new HashMap<>(ModelRegistryReader.read(bootstrapServers, REGISTRY_READ_TIMEOUT));
        registry.put(record.version(), record);
        Optional<PromotionGate.Decision> decision = Optional.empty();
        if (policy == PromotionPolicy.GATED) {
            decision = Optional.of(gate.evaluate(record, Optional.ofNullable(registry.get(ModelRecord.ACTIVE_KEY))));
            if (!decision.get().promote()) {
                return new Publication(record, false, decision);
            }
        }
        Promotions.Change change = Promotions.promote(registry, record.version(), Instant.now());
        writer.write(change.writes());
        return new Publication(record.withStatus(ModelRecord.Status.PROMOTED, change.active().at()), true, decision);
    }
}
