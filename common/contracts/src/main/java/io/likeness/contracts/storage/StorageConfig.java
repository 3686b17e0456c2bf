package io.likeness.contracts.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** Object-store configuration shared by every service ({@code likeness.storage.*}). */
@ConfigMapping(prefix = "likeness.storage")
public interface StorageConfig {

    /** S3 API endpoint, e.g. {@code http://127.0.0.1:9000} for the local S3Proxy; unset = AWS S3. */
    Optional<URI> endpoint();

    /** Signing region. */
    @WithDefault("us-east-1")
    String region();

    /** The bucket holding inputs, masks, results, datasets and checkpoints. */
    @WithDefault("likeness")
    String bucket();

    /** Static access key; unset = the AWS default credentials chain. */
    Optional<String> accessKey();

    /** Static secret key, paired with {@link #accessKey()}. */
    Optional<String> secretKey();

    /** Path-style addressing (S3Proxy, MinIO, Ceph need it). */
    @WithDefault("true")
    boolean pathStyle();

    default StorageSettings settings() {
        return new StorageSettings(endpoint(), region(), bucket(), accessKey(), secretKey(), pathStyle());
    }
}
