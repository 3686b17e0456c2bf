package io.likeness.contracts.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes side of Likeness: images, masks, datasets and checkpoints live here, Kafka only carries keys
 * (claim check). Implemented on S3 ({@link S3ObjectStore}); keys are built by {@link StorageKeys} only.
 */
public interface ObjectStore {

    /** Writes (or overwrites) an object. Keys are deterministic, so a redelivered stage rewrites the same bytes. */
    void put(String key, byte[] bytes, String contentType, Map<String, String> metadata);

    default void put(String key, byte[] bytes, String contentType) {
        put(key, bytes, contentType, Map.of());
    }

    /** Streams a local file (large datasets and checkpoints). */
    void putFile(String key, Path file, String contentType);

    /** The object's bytes, or empty if there is no such key. */
    Optional<byte[]> get(String key);

    /** Downloads to a local file; false if there is no such key. */
    boolean getFile(String key, Path target);

    /** Opens a stream, or empty if there is no such key. The caller closes it. */
    Optional<InputStream> open(String key);

    boolean exists(String key);

    void delete(String key);

    /** Keys under a prefix, in lexicographic order. */
    List<String> list(String prefix);

    /** A time-limited GET URL for the object. */
    URI presignGet(String key, Duration validity);

    /** Cheap reachability probe of the bucket, for readiness checks. */
    boolean isReachable();

    String bucket();

}
