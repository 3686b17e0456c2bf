package io.likeness.mcdm.engine;

import io.likeness.contracts.storage.ObjectStore;
import io.likeness.mcdm.checkpoint.CheckpointIntegrityException;
import io.likeness.mcdm.checkpoint.CheckpointManifest;
import io.likeness.mcdm.checkpoint.CheckpointStore;
import io.likeness.mcdm.edit.Editor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last few checkpoint versions, loaded into {@link Editor}s. A version is fetched from the object store at
 * the key its locator names (a {@code .zip} archive of {@link CheckpointStore}, or a {@code manifest.json} whose
 * listed files sit next to it), sha256-verified, built by the {@link EditorModelsFactory}, and kept until it is
 * the least recently used of more than {@code capacity} versions. Thread-safe: concurrent requests for one
 * version load it once; an evicted version is closed only when its last {@link Lease} is released.
 */
public final class CheckpointCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCache.class);

    private final ObjectStore store;
    private final Path workDir;
    private final int capacity;
    private final EditorModelsFactory factory;
    private final Function<String, Optional<String>> locator;
    private final Map<String, Object> loadLocks = new ConcurrentHashMap<>();
    /** Access-ordered; guarded by {@code this}. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(8, 0.75f, true);
    private boolean closed;

    /**
     * @param workDir  where versions are extracted ({@code workDir/<version>/})
     * @param capacity versions kept loaded (≥ 1)
     * @param locator  version → S3 key of its archive or manifest (e.g. from the model registry); empty = unknown
     */
    public CheckpointCache(ObjectStore store, Path workDir, int capacity, EditorModelsFactory factory,
            Function<String, Optional<String>> locator) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.store = store;
        this.workDir = workDir;
        this.capacity = capacity;
        this.factory = factory;
        this.locator = locator;
    }

    /** A loaded version, usable until closed. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public Editor editor() {
            return entry.editor;
        }

        public String version() {
            return entry.version;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(entry);
            }
        }
    }

    private static final class Entry {
        final String version;
        final Editor editor;
        final EditorModelsFactory.LoadedModels models;
        int users;
        boolean evicted;

        Entry(String version, EditorModelsFactory.LoadedModels models) {
            this.version = version;
            this.models = models;
            this.editor = new Editor(models.models(), models.schedule(), models.config());
        }
    }

    /**
     * The version's Editor, loading it first if needed.
     *
     * @throws CheckpointUnavailableException when it cannot be located, downloaded, verified or built
     */
    public Lease acquire(String version) {
        Lease lease = tryLease(version);
        if (lease != null) {
            return lease;
        }
        factory.checkAvailable(version);
        synchronized (loadLocks.computeIfAbsent(version, v -> new Object())) {
            lease = tryLease(version);
            if (lease != null) {
                return lease;
            }
            Entry loaded = new Entry(version, load(version));
            List<Entry> evicted = new ArrayList<>();
            synchronized (this) {
                if (closed) {
                    closeQuietly(loaded.models);
                    throw new CheckpointUnavailableException(version, "the cache is closed");
                }
                entries.put(version, loaded);
                loaded.users++;
                Iterator<Entry> it = entries.values().iterator();
                while (entries.size() > capacity && it.hasNext()) {
                    Entry old = it.next();
                    if (old == loaded) {
                        continue;
                    }
                    it.remove();
                    old.evicted = true;
                    if (old.users == 0) {
                        evicted.add(old);
                    }
                }
            }
            evicted.forEach(e -> {
                LOG.info("checkpoint {} evicted from the cache", e.version);
                closeQuietly(e.models);
            });
            return new Lease(loaded);
        }
    }

    /** Versions currently loaded, least recently used first. */
    public synchronized List<String> loadedVersions() {
        return List.copyOf(entries.keySet());
    }

    private synchronized Lease tryLease(String version) {
        Entry e = entries.get(version);
        if (e == null) {
            return null;
        }
        e.users++;
        return new Lease(e);
    }

    private void release(Entry e) {
        boolean close;
        synchronized (this) {
            e.users--;
            close = e.evicted && e.users == 0;
        }
        if (close) {
            closeQuietly(e.models);
        }
    }

    private EditorModelsFactory.LoadedModels load(String version) {
        String key = locator.apply(version).orElseThrow(() -> new CheckpointUnavailableException(version,
                "no such version in the model registry"));
        Path dir = workDir.resolve(version);
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            CheckpointManifest manifest = key.endsWith(".zip")
                    ? CheckpointStore.download(store, key, dir)
                    : downloadFiles(key, dir);
            LOG.info("checkpoint {} downloaded from {} and verified in {} ms", version, key,
                    (System.nanoTime() - t0) / 1_000_000);
            return factory.load(dir, manifest);
        } catch (CheckpointIntegrityException e) {
            throw new CheckpointUnavailableException(version, "failed verification: " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new CheckpointUnavailableException(version, "cannot fetch " + key + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof CheckpointUnavailableException) {
                throw e;
            }
            // object-store client failures (network, 5xx) are transient from the job's point of view
            throw new CheckpointUnavailableException(version, "cannot fetch " + key + ": " + e, e);
        }
    }

    /** A {@code manifest.json} key: fetch it, then every file it lists from the same prefix, then verify. */
    private CheckpointManifest downloadFiles(String manifestKey, Path dir) throws IOException {
        int slash = manifestKey.lastIndexOf('/');
        String prefix = slash < 0 ? "" : manifestKey.substring(0, slash + 1);
        if (!store.getFile(manifestKey, dir.resolve(CheckpointManifest.FILE_NAME))) {
            throw new java.nio.file.NoSuchFileException(manifestKey, null, "not in bucket " + store.bucket());
        }
        CheckpointManifest manifest = CheckpointStore.readManifest(dir);
        for (String file : manifest.files().keySet()) {
            if (!file.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new CheckpointIntegrityException(file, "invalid file name in the manifest");
            }
            if (!store.getFile(prefix + file, dir.resolve(file))) {
                throw new java.nio.file.NoSuchFileException(prefix + file, null, "listed in the manifest");
            }
        }
        return CheckpointStore.verify(dir);
    }

    @Override
    public void close() {
        List<Entry> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Entry e : entries.values()) {
                e.evicted = true;
                if (e.users == 0) {
                    toClose.add(e);
                }
            }
            entries.clear();
        }
        toClose.forEach(e -> closeQuietly(e.models));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing a checkpoint failed", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
