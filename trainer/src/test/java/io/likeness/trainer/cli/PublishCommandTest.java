package io.likeness.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageSettings;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.checkpoint.EditDirection;
import io.likeness.mcdm.checkpoint.TrainingProvenance;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraExtension;
import io.likeness.trainer.publish.ModelRegistryReader;
import io.likeness.trainer.publish.PaperCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code publish} against the real S3 server and broker: foundation checkpoints to S3, MCDM ones to the registry. */
@ExtendWith(RealInfraExtension.class)
class PublishCommandTest {

    @TempDir
    Path tmp;

    @Test
    void foundationGoesToS3AndMcdmToTheRegistry() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        WordTokenizer tokenizer = TinyPresets.defaultTokenizer();
        Path foundation = tmp.resolve("vae");
        Path product = tmp.resolve("mcdm");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Map<String, Block> blocks = TinyMcdmModelsFactory.blocks(McdmModelSet.createTiny(tokenizer, manager));
            CheckpointStore.save(foundation, CheckpointManifest.of("vae-" + run,
                    new ArchitectureSpec("vae-tiny", null), Map.of(), provenance(), Map.of("val_psnr_db", 24.3)),
                    Map.of("vae", blocks.get("vae")));
            Map<String, EditDirection> catalog = new LinkedHashMap<>();
            PaperCatalog.directions().forEach(d -> catalog.put(d.id(),
                    new EditDirection(d.sourcePrompt(), d.targetPrompt(), d.maskThreshold())));
            CheckpointStore.save(product, CheckpointManifest.of("mcdm-" + run,
                    TinyMcdmModelsFactory.architecture(tokenizer), catalog, provenance(), Map.of("ssim", 0.5)), blocks);
        }

        StorageSettings s3 = RealInfra.storage();
        int exit = new CommandLine(new PublishCommand()).execute(foundation.toString(), product.toString(),
                "--promote", "force", "--s3-endpoint", s3.endpoint().orElseThrow().toString(),
                "--bucket", s3.bucket(), "--access-key", s3.accessKey().orElseThrow(),
                "--secret-key", s3.secretKey().orElseThrow(), "--kafka", RealInfra.bootstrapServers());
        assertThat(exit).isZero();

        try (S3ObjectStore store = RealInfra.objectStore()) {
            Path back = tmp.resolve("back");
            CheckpointManifest m = CheckpointStore.download(store, "foundation/vae-" + run + "/checkpoint.zip", back);
            assertThat(m.version()).isEqualTo("vae-" + run);
            assertThat(Files.readAllBytes(back.resolve("vae.params")))
                    .isEqualTo(Files.readAllBytes(foundation.resolve("vae.params")));
            assertThat(store.exists("models/vae-" + run + "/checkpoint.zip")).isFalse();
            assertThat(store.exists("models/mcdm-" + run + "/checkpoint.zip")).isTrue();
        }
        Map<String, ModelRecord> registry = ModelRegistryReader.read(RealInfra.bootstrapServers(), Duration.ofSeconds(30));
        assertThat(registry).doesNotContainKey("vae-" + run);
        ModelRecord record = registry.get("mcdm-" + run);
        assertThat(record.status()).isEqualTo(ModelRecord.Status.PROMOTED);
        assertThat(record.catalog()).hasSize(8);
        assertThat(registry.get(ModelRecord.ACTIVE_KEY).version()).isEqualTo("mcdm-" + run);
    }

    private static TrainingProvenance provenance() {
        return new TrainingProvenance("PublishCommandTest", List.of(1L), "none", 0, null);
    }
}
