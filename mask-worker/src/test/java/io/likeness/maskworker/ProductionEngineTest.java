package io.likeness.maskworker;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The production wiring (test engine excluded): until the network slice provides an EditorModelsFactory, an
 * AUTO job fails with the retryable {@code checkpoint_unavailable} — nothing is faked.
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
    void anAutoMaskJobFailsRetryablyWithCheckpointUnavailable() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String version = "prod-ckpt-" + run;
        String jobId = "prod-" + run;
        try (KafkaProbe kafka = new KafkaProbe("likeness.job.events"); S3ObjectStore s3 = RealInfra.objectStore()) {
            ModelRecord model = new ModelRecord(1, version, ModelRecord.Status.PUBLISHED,
                    StorageKeys.modelPrefix(version) + "manifest.json",
                    List.of(new EditDirection("santa-claus", "a {subject}", "a {subject}, Santa", 0.2)), Map.of(),
                    Instant.now(), "test");
            kafka.send("likeness.models", version, Json.write(model));
            JobSpec spec = new JobSpec(jobId, Optional.empty(), "santa-claus", EditParameters.defaults(1),
                    StorageKeys.jobInput(jobId, "png"), "image/png", 64, 64, Optional.empty(), Optional.empty(),
                    Map.of(), Optional.empty(), Optional.of(version), Instant.now(), "fp");
            s3.put(spec.inputKey(), Images.png(Images.picture(64, 64)), "image/png");
            kafka.send("likeness.edit.requested", jobId, Json.write(EditRequested.of(spec)));
            JobEvent failed = Json.read(kafka.await("likeness.job.events", jobId,
                    r -> Json.read(r.value(), JobEvent.class).state() == JobState.FAILED).value(), JobEvent.class);
            JobError error = failed.error().orElseThrow();
            assertThat(error.code()).isEqualTo(ErrorCodes.CHECKPOINT_UNAVAILABLE);
            assertThat(error.retryable()).isTrue();
            assertThat(error.message()).contains(version).contains("no MCDM network implementation");
        }
    }
}
