package io.likeness.trainer.dataset;

import io.likeness.contracts.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A test double of the object store: a sorted map of keys to bytes. */
final class InMemoryObjectStore implements ObjectStore {

    final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        objects.put(key, bytes.clone());
    }

    @Override
    public void putFile(String key, Path file, String contentType) {
        try {
            objects.put(key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
    }

    @Override
    public boolean getFile(String key, Path target) {
        byte[] b = objects.get(key);
        if (b == null) {
            return false;
        }
        try {
            Files.write(target, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    @Override
    public Optional<InputStream> open(String key) {
        return get(key).map(ByteArrayInputStream::new);
    }

    @Override
    public boolean exists(String key) {
        return objects.containsKey(key);
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public List<String> list(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public URI presignGet(String key, Duration validity) {
        return URI.create("memory://test/" + key);
    }

    @Override
    public boolean isReachable() {
        return true;
    }

    @Override
    public String bucket() {
        return "test";
    }
}
