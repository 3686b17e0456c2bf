package io.likeness.trainer.dataset;

import io.likeness.contracts.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a dataset's manifest and shards are read from: a local directory or an object-store prefix. */
public interface ShardSource {

    /** Opens {@code manifest.json} or a shard by file name. The caller closes the stream. */
    InputStream open(String name) throws IOException;

    default DatasetManifest manifest() throws IOException {
        try (InputStream in = open(DatasetManifest.FILE)) {
            return DatasetManifest.fromJson(in.readAllBytes());
        }
    }

    static ShardSource directory(Path dir) {
        return name -> Files.newInputStream(dir.resolve(name));
    }

    /** Streams straight from the store ({@code prefix/manifest.json}, {@code prefix/shard-000000.tar}, …). */
    static ShardSource objectStore(ObjectStore store, String prefix) {
        String p = prefix.endsWith("/") || prefix.isEmpty() ? prefix : prefix + "/";
        return name -> store.open(p + name).orElseThrow(() -> new NoSuchFileException(store.bucket() + "/" + p + name));
    }
}
