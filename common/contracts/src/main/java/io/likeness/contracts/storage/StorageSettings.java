package io.likeness.contracts.storage;

import java.net.URI;
import java.util.Optional;

/**
 * Where the object store is and how to talk to it. Plain values so that CLIs, the stack launcher and the
 * test harness can build a client without Quarkus; services get it from {@link StorageConfig}.
 *
 * @param endpoint  S3 API endpoint (S3Proxy, MinIO, Ceph); empty = AWS S3 for the region
 * @param region    signing region
 * @param bucket    the one bucket Likeness uses; prefixes separate jobs, datasets and models
 * @param accessKey empty = the AWS default credentials chain
 * @param secretKey paired with accessKey
 * @param pathStyle path-style addressing (required by S3Proxy and most self-hosted servers)
 */
public record StorageSettings(Optional<URI> endpoint, String region, String bucket,
                              Optional<String> accessKey, Optional<String> secretKey, boolean pathStyle) {

    public StorageSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("storage bucket is not set (likeness.storage.bucket)");
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("set both likeness.storage.access-key and secret-key, or neither");
        }
    }

    /** Settings for a local S3-compatible server with static credentials. */
    public static StorageSettings local(URI endpoint, String bucket, String accessKey, String secretKey) {
        return new StorageSettings(Optional.of(endpoint), "us-east-1", bucket,
                Optional.of(accessKey), Optional.of(secretKey), true);
    }
}
