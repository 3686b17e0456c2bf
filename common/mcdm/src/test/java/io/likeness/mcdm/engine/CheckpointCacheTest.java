package io.likeness.mcdm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.mcdm.checkpoint.ArchitectureSpec;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.edit.EditorConfig;
import io.likeness.mcdm.edit.EditorModels;
import io.likeness.mcdm.model.EpsilonModel;
import io.likeness.mcdm.model.ImageConditioner;
import io.likeness.mcdm.model.LatentCodec;
import io.likeness.mcdm.model.TextConditioner;
import io.likeness.mcdm.schedule.NoiseSchedule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointCacheTest {

    @TempDir
    Path tmp;

    final MemoryStore store = new MemoryStore();
    final AtomicInteger loads = new AtomicInteger();
    final List<String> closed = new ArrayList<>();

    /** Builds inert networks (never called here) and records loads and closes. */
    final EditorModelsFactory factory = (dir, manifest) -> {
        loads.incrementAndGet();
        assertThat(Files.readString(dir.resolve("weights.params"))).startsWith("weights of ");
        return new EditorModelsFactory.LoadedModels(inertModels(), NoiseSchedule.stableDiffusion(),
                EditorConfig.defaults(manifest.version()), () -> {
                    synchronized (closed) {
                        closed.add(manifest.version());
                    }
                });
    };

    /** A checkpoint directory with one weights file, published as an archive and as loose files. */
    void publish(String version) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("src-" + version));
        Files.writeString(dir.resolve("weights.params"), "weights of " + version);
        CheckpointManifest m = CheckpointManifest.of(version, new ArchitectureSpec("test", null), Map.of(), null,
                Map.of()).withFiles(Map.of("weights.params", CheckpointStore.sha256(dir.resolve("weights.params"))));
        CheckpointStore.writeManifest(dir, m);
        CheckpointStore.upload(store, "models/" + version + "/checkpoint.zip", dir);
        store.put("models/" + version + "/manifest.json", Files.readAllBytes(dir.resolve("manifest.json")), "json");
        store.put("models/" + version + "/weights.params", Files.readAllBytes(dir.resolve("weights.params")), "x");
    }

    CheckpointCache cache(int capacity, String layout) {
        return new CheckpointCache(store, tmp.resolve("cache"), capacity, factory,
                v -> store.exists("models/" + v + "/manifest.json")
                        ? Optional.of("models/" + v + "/" + layout) : Optional.empty());
    }

    @Test
    void loadsOnceAndEvictsTheLeastRecentlyUsedWhenNoLongerLeased() throws IOException {
        publish("v1");
        publish("v2");
        try (CheckpointCache cache = cache(1, "checkpoint.zip")) {
            CheckpointCache.Lease first = cache.acquire("v1");
            try (CheckpointCache.Lease again = cache.acquire("v1")) {
                assertThat(again.editor()).isSameAs(first.editor());
            }
            assertThat(loads).hasValue(1);
            try (CheckpointCache.Lease second = cache.acquire("v2")) {
                assertThat(second.version()).isEqualTo("v2");
                assertThat(cache.loadedVersions()).containsExactly("v2");
                assertThat(closed).as("v1 is still leased").isEmpty();
                first.close();
                assertThat(closed).containsExactly("v1");
            }
        }
        assertThat(closed).containsExactly("v1", "v2");
    }

    @Test
    void loadsTheLooseFileLayoutFromAManifestKey() throws IOException {
        publish("v3");
        try (CheckpointCache cache = cache(2, "manifest.json");
                CheckpointCache.Lease lease = cache.acquire("v3")) {
            assertThat(lease.editor().config().checkpointVersion()).isEqualTo("v3");
        }
    }

    @Test
    void unknownMissingOrTamperedVersionsAreUnavailable() throws IOException {
        try (CheckpointCache cache = cache(2, "checkpoint.zip")) {
            assertThatThrownBy(() -> cache.acquire("nope")).isInstanceOf(CheckpointUnavailableException.class)
                    .hasMessageContaining("no such version in the model registry");
        }
        publish("v4");
        store.put("models/v4/weights.params", "tampered".getBytes(StandardCharsets.UTF_8), "x");
        try (CheckpointCache cache = cache(2, "manifest.json")) {
            assertThatThrownBy(() -> cache.acquire("v4")).isInstanceOf(CheckpointUnavailableException.class)
                    .hasMessageContaining("sha256");
        }
        store.delete("models/v4/checkpoint.zip");
        try (CheckpointCache cache = cache(2, "checkpoint.zip")) {
            assertThatThrownBy(() -> cache.acquire("v4")).isInstanceOf(CheckpointUnavailableException.class)
                    .hasMessageContaining("cannot fetch");
        }
        assertThat(loads).hasValue(0);
    }

    @Test
    void withoutNetworksEveryVersionIsUnavailableBeforeAnyDownload() throws IOException {
        publish("v5");
        store.gets.set(0);
        try (CheckpointCache cache = new CheckpointCache(store, tmp.resolve("c"), 1,
                EditorModelsFactory.unavailable(), v -> Optional.of("models/" + v + "/checkpoint.zip"))) {
            assertThatThrownBy(() -> cache.acquire("v5")).isInstanceOf(CheckpointUnavailableException.class)
                    .hasMessageContaining("no MCDM network implementation");
        }
        assertThat(store.gets).hasValue(0);
    }

    static EditorModels inertModels() {
        EpsilonModel unet = new EpsilonModel() {
            public NDArray predict(NDArray x, NDArray t, NDArray context) {
                throw new UnsupportedOperationException();
            }

            public int inChannels() {
                return 8;
            }
        };
        LatentCodec codec = new LatentCodec() {
            public NDArray encodeMean(NDArray images) {
                throw new UnsupportedOperationException();
            }

            public NDArray encodeSample(NDArray images) {
                throw new UnsupportedOperationException();
            }

            public NDArray decode(NDArray latents) {
                throw new UnsupportedOperationException();
            }

            public int downsampling() {
                return 8;
            }

            public int latentChannels() {
                return 4;
            }
        };
        TextConditioner text = new TextConditioner() {
            public NDArray encode(NDManager manager, List<String> prompts) {
                throw new UnsupportedOperationException();
            }

            public int maxTokens() {
                return 77;
            }

            public int width() {
                return 32;
            }
        };
        ImageConditioner image = new ImageConditioner() {
            public NDArray encode(NDArray images, NDArray latents) {
                throw new UnsupportedOperationException();
            }

            public int imageTokens() {
                return 4;
            }

            public int width() {
                return 32;
            }
        };
        return new EditorModels(unet, codec, text, image);
    }

    /** An in-memory bucket. */
    static final class MemoryStore implements ObjectStore {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();
        final AtomicInteger gets = new AtomicInteger();

        public void put(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
            objects.put(key, bytes.clone());
        }

        public void putFile(String key, Path file, String contentType) {
            try {
                objects.put(key, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Optional<byte[]> get(String key) {
            gets.incrementAndGet();
            return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
        }

        public boolean getFile(String key, Path target) {
            gets.incrementAndGet();
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

        public Optional<InputStream> open(String key) {
            return get(key).map(ByteArrayInputStream::new);
        }

        public boolean exists(String key) {
            return objects.containsKey(key);
        }

        public void delete(String key) {
            objects.remove(key);
        }

        public List<String> list(String prefix) {
            return objects.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
        }

        public URI presignGet(String key, Duration validity) {
            return URI.create("memory:" + key);
        }

        public boolean isReachable() {
            return true;
        }

        public String bucket() {
            return "memory";
        }
    }
}
