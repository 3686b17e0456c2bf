package io.likeness.trainer.cli;

import io.likeness.contracts.storage.S3ObjectStore;
import io.likeness.contracts.storage.StorageKeys;
import io.likeness.contracts.storage.StorageSettings;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.trainer.publish.ModelPublisher;
import io.likeness.trainer.publish.PromotionPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code publish}: stores trained checkpoints in S3. A foundation checkpoint (autoencoder, encoders, identity
 * mapper, base UNet) goes to {@code foundation/{version}/checkpoint.zip}; an MCDM product checkpoint goes to
 * {@code models/{version}/checkpoint.zip} and is announced on the model topic, then promoted as asked. The defaults
 * reach the local stack; the {@code LIKENESS_STORAGE_*} and {@code KAFKA_BOOTSTRAP_SERVERS} variables override them.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Upload trained checkpoints to S3; announce (and promote) MCDM checkpoints on the model topic.")
public final class PublishCommand implements Callable<Integer> {

    @Parameters(description = "Saved checkpoint directories (a run's final/, or models/default).")
    List<Path> checkpoints;

    @Option(names = "--promote", defaultValue = "none",
            description = "MCDM checkpoints: none, gated (only if evaluation does not regress against the active "
                    + "one) or force (default ${DEFAULT-VALUE}).")
    String promote;

    @Option(names = "--note", defaultValue = "published by likeness-trainer publish")
    String note;

    @Option(names = "--s3-endpoint", defaultValue = "${env:LIKENESS_STORAGE_ENDPOINT:-http://127.0.0.1:9000}")
    URI endpoint;

    @Option(names = "--bucket", defaultValue = "${env:LIKENESS_STORAGE_BUCKET:-likeness}")
    String bucket;

    @Option(names = "--access-key", defaultValue = "${env:LIKENESS_STORAGE_ACCESS_KEY:-likeness}")
    String accessKey;

    @Option(names = "--secret-key", defaultValue = "${env:LIKENESS_STORAGE_SECRET_KEY:-likeness-local-secret}")
    String secretKey;

    @Option(names = "--kafka", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}")
    String kafka;

    @Override
    public Integer call() throws Exception {
        PromotionPolicy policy = PromotionPolicy.valueOf(promote.toUpperCase(Locale.ROOT));
        try (S3ObjectStore store = new S3ObjectStore(StorageSettings.local(endpoint, bucket, accessKey, secretKey))) {
            for (Path dir : checkpoints) {
                CheckpointManifest m = CheckpointStore.readManifest(dir);
                if (m.editCatalog().isEmpty()) {
                    CheckpointStore.verify(dir);
                    String key = StorageKeys.foundationPrefix(m.version()) + ModelPublisher.ARCHIVE;
                    CheckpointStore.upload(store, key, dir);
                    System.out.printf("%s (%s): s3://%s/%s%n", m.version(), m.architecture().preset(), bucket, key);
                } else { // publishSaved verifies
                    ModelPublisher.Publication p = new ModelPublisher(store, kafka).publishSaved(dir, policy, note);
                    System.out.printf("%s: s3://%s/%s, %s%s%n", m.version(), bucket, p.record().manifestKey(),
                            p.promoted() ? "PROMOTED" : "PUBLISHED",
                            p.gate().map(d -> " (gate: " + String.join("; ", d.reasons()) + ")").orElse(""));
                }
            }
        }
        return 0;
    }
}
