package io.likeness.maskworker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.likeness.contracts.events.EditMasked;
import io.likeness.contracts.events.EditRequested;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.job.EditParameters;
import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.job.JobError;
import io.likeness.contracts.job.JobSpec;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The production wiring (test engine excluded): the MCDM engine loads a checkpoint version from S3 through the
 * model registry — a tiny checkpoint with freshly initialised weights, published here — and a version whose
 * checkpoint is not in the bucket fails its job with the retryable {@code checkpoint_unavailable}.
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

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    static ModelRecord record(String version, String key) {
        return new ModelRecord(1, version, ModelRecord.Status.PUBLISHED, key,
                List.of(new EditDirection("santa-claus", "a {subject}, normal costume",
                        "a {subject}, santa claus costume", 0.2)), Map.of(), Instant.now(), "test");
    }

    static JobSpec spec(String jobId, String version) {
        return new JobSpec(jobId, Optional.empty(), "santa-claus", EditParameters.defaults(1),
                StorageKeys.jobInput(jobId, "png"), "image/png", 160, 128, Optional.empty(), Optional.empty(),
                Map.of(), Optional.empty(), Optional.of(version), Instant.now(), "fp");
    }

    static JobEvent await(KafkaProbe kafka, String jobId, JobState state) {
        return Json.read(kafka.await("likeness.job.events", jobId,
                r -> Json.read(r.value(), JobEvent.class).state() == state).value(), JobEvent.class);
    }

    @Test
    void masksWithARealCheckpointFromTheBucket() throws Exception {
        String version = "tiny-" + RUN;
        String jobId = "prod-ok-" + RUN;
        String key = StorageKeys.modelPrefix(version) + "checkpoint.zip";
        try (KafkaProbe kafka = new KafkaProbe("likeness.job.events", "likeness.edit.masked");
                S3ObjectStore s3 = RealInfra.objectStore()) {
            WordTokenizer tokenizer = TinyPresets.defaultTokenizer();
            Path dir = Files.createTempDirectory("tiny-ckpt-");
            try (NDManager m = NDManager.newBaseManager()) {
                CheckpointStore.save(dir, CheckpointManifest.of(version, TinyMcdmModelsFactory.architecture(tokenizer),
                        Map.of(), null, Map.of()), TinyMcdmModelsFactory.blocks(McdmModelSet.createTiny(tokenizer, m)));
            }
            CheckpointStore.upload(s3, key, dir);
            kafka.send("likeness.models", version, Json.write(record(version, key)));
            JobSpec spec = spec(jobId, version);
            s3.put(spec.inputKey(), Images.png(Images.picture(160, 128)), "image/png");
            kafka.send("likeness.edit.requested", jobId, Json.write(EditRequested.of(spec)));

            JobEvent masked = await(kafka, jobId, JobState.MASKED);
            assertThat(masked.checkpointVersion()).contains(version);
            EditMasked out = Json.read(kafka.await("likeness.edit.masked", jobId, r -> true).value(),
                    EditMasked.class);
            assertThat(out.checkpointVersion()).isEqualTo(version);
            assertThat(out.targetPrompt()).isEqualTo("a person, santa claus costume");
            assertThat(s3.exists(StorageKeys.jobMask(jobId))).isTrue();
            assertThat(s3.exists(StorageKeys.jobSoftMask(jobId))).isTrue();
        }
    }

    @Test
    void aCheckpointMissingFromTheBucketFailsRetryably() {
        String version = "gone-" + RUN;
        String jobId = "prod-gone-" + RUN;
        try (KafkaProbe kafka = new KafkaProbe("likeness.job.events"); S3ObjectStore s3 = RealInfra.objectStore()) {
            kafka.send("likeness.models", version,
                    Json.write(record(version, StorageKeys.modelPrefix(version) + "manifest.json")));
            JobSpec spec = spec(jobId, version);
            s3.put(spec.inputKey(), Images.png(Images.picture(160, 128)), "image/png");
            kafka.send("likeness.edit.requested", jobId, Json.write(EditRequested.of(spec)));
            JobError error = await(kafka, jobId, JobState.FAILED).error().orElseThrow();
            assertThat(error.code()).isEqualTo(ErrorCodes.CHECKPOINT_UNAVAILABLE);
            assertThat(error.retryable()).isTrue();
            assertThat(error.message()).contains(version).contains("cannot fetch");
        }
    }
}
