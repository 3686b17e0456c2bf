package io.likeness.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.likeness.contracts.events.EditMasked;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.image.PngWriter;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.engine.TinyMcdmModelsFactory;
import io.likeness.mcdm.nn.McdmModelSet;
import io.likeness.mcdm.nn.TinyPresets;
import io.likeness.mcdm.nn.clip.WordTokenizer;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The production wiring (test engine excluded): the edit runs on the MCDM engine with the checkpoint version the
 * EditMasked names, loaded from S3 — a tiny checkpoint with freshly initialised weights, published here.
 */
@QuarkusTest
@TestProfile(ProductionEngineTest.Production.class)
@WithTestResource(value = RealInfraResource.class, scope = TestResourceScope.GLOBAL)
class ProductionEngineTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.arc.exclude-types", TestEditEngine.class.getName());
        }
    }

    @Test
    void editsWithARealCheckpointFromTheBucket() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String version = "tiny-" + run;
        String jobId = "prod-edit-" + run;
        String key = StorageKeys.modelPrefix(version) + "checkpoint.zip";
        EditStageTest.setUp();
        try (S3ObjectStore s3 = RealInfra.objectStore()) {
            WordTokenizer tokenizer = TinyPresets.defaultTokenizer();
            Path dir = Files.createTempDirectory("tiny-ckpt-");
            try (NDManager m = NDManager.newBaseManager()) {
                CheckpointStore.save(dir, CheckpointManifest.of(version, TinyMcdmModelsFactory.architecture(tokenizer),
                        Map.of(), null, Map.of()), TinyMcdmModelsFactory.blocks(McdmModelSet.createTiny(tokenizer, m)));
            }
            CheckpointStore.upload(s3, key, dir);
            EditStageTest.kafka.send("likeness.models", version, Json.write(new ModelRecord(1, version,
                    ModelRecord.Status.PUBLISHED, key, List.of(new EditDirection("santa-claus", "a {subject}",
                            "a {subject}, santa claus costume", 0.2)), Map.of(), Instant.now(), "test")));
            EditMasked staged = EditStageTest.staged(jobId, "a person, santa claus costume", 2, null);
            EditMasked masked = EditMasked.of(staged.spec(), version, staged.sourcePrompt(), staged.targetPrompt(),
                    staged.preparedKey(), staged.maskKey(), staged.softMaskKey(), staged.crop());
            EditStageTest.send(masked);

            JobEvent done = EditStageTest.state(jobId, JobState.SUCCEEDED);
            assertThat(done.checkpointVersion()).contains(version);
            byte[] png = s3.get(StorageKeys.jobResult(jobId)).orElseThrow();
            BufferedImage result = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(result.getWidth()).isEqualTo(EditStageTest.W);
            assertThat(result.getHeight()).isEqualTo(EditStageTest.H);
            assertThat(PngWriter.readText(png)).containsEntry("likeness.checkpoint", version)
                    .containsEntry("likeness.steps", "2").containsKey("likeness.scheduler");
        } finally {
            EditStageTest.tearDown();
        }
    }
}
