package io.likeness.trainer.dataset;

import io.likeness.trainer.studio.Seeds;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Streams the samples of a dataset shard by shard (one shard in memory at a time), for training.
 *
 * <p>Order: with shuffling, epoch e visits the shards in a permutation drawn from (seed, e) and the samples of each
 * shard in a permutation drawn from (seed, e, shard); without, in file order. The {@link Position} of the next
 * sample (epoch, index into the epoch's shard order, index into the shard's sample order) can be saved with a
 * training checkpoint; a reader opened at that position with the same seed continues with exactly the same samples.
 */
public final class ShardReader implements Iterator<Sample> {

    /** Where the next sample comes from. */
    public record Position(int epoch, int shard, int entry) {
        public static final Position START = new Position(0, 0, 0);
    }

    private final ShardSource source;
    private final DatasetManifest manifest;
    private final boolean shuffle;
    private final long seed;
    private final int epochs;
    private int epoch;
    private int shardIndex;
    private int entryIndex;
    private int[] shardOrder;
    private List<Sample> current;
    private int loadedShard = -1;

    /**
     * @param shuffle whether to shuffle (with {@code seed}); false reads in file order
     * @param epochs how many passes over the data; 0 for endless
     * @param start where to begin ({@link Position#START} for the beginning)
     */
    public ShardReader(ShardSource source, boolean shuffle, long seed, int epochs, Position start) throws IOException {
        this.source = source;
        this.manifest = source.manifest();
        this.shuffle = shuffle;
        this.seed = seed;
        this.epochs = epochs;
        this.epoch = start.epoch();
        this.shardIndex = start.shard();
        this.entryIndex = start.entry();
        this.shardOrder = order(manifest.shards().size(), Seeds.mix(seed, 0x5A4D, epoch));
    }

    /** One pass in file order from the beginning. */
    public static ShardReader sequential(ShardSource source) throws IOException {
        return new ShardReader(source, false, 0, 1, Position.START);
    }

    public DatasetManifest manifest() {
        return manifest;
    }

    /** The position of the sample the next call to {@link #next()} returns. */
    public Position position() {
        return new Position(epoch, shardIndex, entryIndex);
    }

    @Override
    public boolean hasNext() {
        if (manifest.count() == 0) {
            return false;
        }
        try {
            advance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return epochs == 0 || epoch < epochs;
    }

    @Override
    public Sample next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Sample s = current.get(entryIndex);
        entryIndex++;
        return s;
    }

    /** Moves to a shard/epoch boundary if needed and loads the current shard. */
    private void advance() throws IOException {
        while (epochs == 0 || epoch < epochs) {
            if (shardIndex >= shardOrder.length) {
                epoch++;
                shardIndex = 0;
                entryIndex = 0;
                shardOrder = order(manifest.shards().size(), Seeds.mix(seed, 0x5A4D, epoch));
                loadedShard = -1;
                continue;
            }
            if (loadedShard != shardIndex) {
                int file = shardOrder[shardIndex];
                List<Sample> samples = readShard(source, manifest.shards().get(file).name());
                if (shuffle) {
                    int[] perm = order(samples.size(), Seeds.mix(seed, epoch, 0x5A4DL * 31 + file));
                    List<Sample> shuffled = new ArrayList<>(samples.size());
                    for (int i : perm) {
                        shuffled.add(samples.get(i));
                    }
                    samples = shuffled;
                }
                current = samples;
                loadedShard = shardIndex;
            }
            if (entryIndex < current.size()) {
                return;
            }
            shardIndex++;
            entryIndex = 0;
        }
    }

    private int[] order(int n, long permutationSeed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(permutationSeed);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        return p;
    }

    /** All samples of one shard, grouped by key in file order. */
    public static List<Sample> readShard(ShardSource source, String shardName) throws IOException {
        List<Sample> out = new ArrayList<>();
        try (InputStream raw = source.open(shardName);
             TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(raw, 1 << 16))) {
            String key = null;
            Map<String, byte[]> parts = null;
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                String name = e.getName();
                int slash = name.lastIndexOf('/');
                String base = name.substring(slash + 1);
                int dot = base.indexOf('.');
                if (dot <= 0) {
                    throw new IOException("entry without a key.suffix name in " + shardName + ": " + name);
                }
                String k = name.substring(0, slash + 1 + dot);
                String suffix = base.substring(dot + 1);
                if (!k.equals(key)) {
                    if (key != null) {
                        out.add(new Sample(key, parts));
                    }
                    key = k;
                    parts = new LinkedHashMap<>();
                }
                parts.put(suffix, tar.readAllBytes());
            }
            if (key != null) {
                out.add(new Sample(key, parts));
            }
        }
        return out;
    }
}
