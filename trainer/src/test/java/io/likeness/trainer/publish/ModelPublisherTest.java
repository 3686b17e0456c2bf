package io.likeness.trainer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.likeness.contracts.model.ModelRecord;
import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.testkit.RealInfra;
import io.likeness.testkit.RealInfraExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Publishing with each promotion policy, on the real broker and S3 server (real tiny checkpoints). */
@ExtendWith(RealInfraExtension.class)
class ModelPublisherTest {

    private static Map<String, ModelRecord> registry() {
        return ModelRegistryReader.read(RealInfra.bootstrapServers(), Duration.ofSeconds(30));
    }

    @Test
    void policiesNoneGatedAndForce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (S3ObjectStore store = RealInfra.objectStore()) {
            String base = "pub-" + run + "-base";
            ModelPublisher.Publication forced = UntrainedBootstrap.publish(store, RealInfra.bootstrapServers(), base, 1,
                    Map.of("val_ssim", 0.80, "val_psnr_db", 20.0), PromotionPolicy.FORCE);
            assertThat(forced.promoted()).isTrue();
            assertThat(forced.record().status()).isEqualTo(ModelRecord.Status.PROMOTED);
            assertThat(store.exists(forced.record().manifestKey())).isTrue();

            String worse = "pub-" + run + "-worse";
            ModelPublisher.Publication refused = UntrainedBootstrap.publish(store, RealInfra.bootstrapServers(), worse, 2,
                    Map.of("val_ssim", 0.60, "val_psnr_db", 21.0), PromotionPolicy.GATED);
            assertThat(refused.promoted()).isFalse();
            assertThat(refused.gate().orElseThrow().reasons()).anyMatch(r -> r.startsWith("val_ssim"));
            assertThat(registry().get(ModelRecord.ACTIVE_KEY).version()).isEqualTo(base);
            assertThat(registry().get(worse).status()).isEqualTo(ModelRecord.Status.PUBLISHED);

            String quiet = "pub-" + run + "-quiet";
            assertThat(UntrainedBootstrap.publish(store, RealInfra.bootstrapServers(), quiet, 3,
                    Map.of("val_ssim", 0.99), PromotionPolicy.NONE).gate()).isEmpty();
            assertThat(registry().get(ModelRecord.ACTIVE_KEY).version()).isEqualTo(base);

            String better = "pub-" + run + "-better";
            ModelPublisher.Publication promoted = UntrainedBootstrap.publish(store, RealInfra.bootstrapServers(), better,
                    4, Map.of("val_ssim", 0.81, "val_psnr_db", 19.9, "loss", 99.0), PromotionPolicy.GATED);
            assertThat(promoted.promoted()).isTrue();
            Map<String, ModelRecord> registry = registry();
            assertThat(registry.get(ModelRecord.ACTIVE_KEY).version()).isEqualTo(better);
            assertThat(registry.get(ModelRecord.ACTIVE_KEY).previousActive()).startsWith(base);
            assertThat(registry.get(base).status()).isEqualTo(ModelRecord.Status.PUBLISHED);
            assertThat(registry.get(better).status()).isEqualTo(ModelRecord.Status.PROMOTED);
        }
    }
}
