package io.likeness.trainer.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes samples into WebDataset-style tar shards {@code shard-000000.tar}, … of at most {@code samplesPerShard}
 * samples each (Apache Commons Compress, POSIX tar). Entries are written in the order given, headers carry no
 * time, owner or host information, so the same samples give byte-identical shards.
 */
public final class ShardWriter implements AutoCloseable {

    /** Entry modification time written into every header (2024-01-01T00:00:00Z): fixed for reproducible shards. */
    static final long FIXED_MTIME_MILLIS = 1_704_067_200_000L;

    private final Path dir;
    private final int samplesPerShard;
    private final List<ShardInfo> shards = new ArrayList<>();
    private TarArchiveOutputStream tar;
    private DigestOutputStream digest;
    private String currentName;
    private int currentCount;
    private long total;

    public ShardWriter(Path dir, int samplesPerShard) throws IOException {
        this(dir, samplesPerShard, List.of());
    }

    /**
     * Continues a dataset whose first shards are {@code finished} (complete, on disk): the next sample opens shard
     * number {@code finished.size()}.
     */
    public ShardWriter(Path dir, int samplesPerShard, List<ShardInfo> finished) throws IOException {
        if (samplesPerShard <= 0) {
            throw new IllegalArgumentException("samplesPerShard must be positive");
        }
        this.dir = dir;
        this.samplesPerShard = samplesPerShard;
        this.shards.addAll(finished);
        this.total = finished.stream().mapToLong(ShardInfo::count).sum();
        Files.createDirectories(dir);
    }

    public static String shardName(int index) {
        return String.format("shard-%06d.tar", index);
    }

    /** Adds a sample; {@code parts} maps entry suffix ({@code png}, {@code json}, …) to bytes, in entry order. */
    public void write(String key, Map<String, byte[]> parts) throws IOException {
        if (key.isEmpty() || key.contains(".") || key.contains("/")) {
            throw new IllegalArgumentException("a WebDataset key must be non-empty without '.' or '/': " + key);
        }
        if (tar == null) {
            open();
        }
        for (Map.Entry<String, byte[]> e : parts.entrySet()) {
            TarArchiveEntry entry = new TarArchiveEntry(key + "." + e.getKey());
            entry.setSize(e.getValue().length);
            entry.setModTime(FIXED_MTIME_MILLIS);
            entry.setMode(0100644);
            entry.setUserId(0);
            entry.setGroupId(0);
            entry.setUserName("");
            entry.setGroupName("");
            tar.putArchiveEntry(entry);
            tar.write(e.getValue());
            tar.closeArchiveEntry();
        }
        currentCount++;
        total++;
        if (currentCount == samplesPerShard) {
            finishShard();
        }
    }

    public long count() {
        return total;
    }

    /** The shards written so far (complete after {@link #close()}). */
    public List<ShardInfo> shards() {
        return List.copyOf(shards);
    }

    private void open() throws IOException {
        currentName = shardName(shards.size());
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OutputStream out = Files.newOutputStream(dir.resolve(currentName));
        digest = new DigestOutputStream(new java.io.BufferedOutputStream(out, 1 << 16), sha);
        tar = new TarArchiveOutputStream(digest);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        currentCount = 0;
    }

    private void finishShard() throws IOException {
        tar.finish();
        tar.close();
        String sha = HexFormat.of().formatHex(digest.getMessageDigest().digest());
        shards.add(new ShardInfo(currentName, currentCount, Files.size(dir.resolve(currentName)), sha));
        tar = null;
        digest = null;
    }

    @Override
    public void close() throws IOException {
        if (tar != null) {
            finishShard();
        }
    }
}
