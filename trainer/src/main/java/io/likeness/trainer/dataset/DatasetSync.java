package io.likeness.trainer.dataset;

import io.likeness.contracts.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Moves a dataset directory to and from an {@link ObjectStore} prefix. Upload puts the shards first and the
 * manifest last, so a reader that finds a manifest finds a complete dataset; download checks every shard's size
 * and SHA-256 against the manifest.
 */
public final class DatasetSync {

    public static final String TAR = "application/x-tar";
    public static final String JSON = "application/json";

    private DatasetSync() {
    }

    public static void upload(Path dir, ObjectStore store, String prefix) throws IOException {
        DatasetManifest m = DatasetManifest.read(dir);
        String p = normalise(prefix);
        for (ShardInfo s : m.shards()) {
            store.putFile(p + s.name(), dir.resolve(s.name()), TAR);
        }
        store.put(p + DatasetManifest.FILE, Files.readAllBytes(dir.resolve(DatasetManifest.FILE)), JSON);
    }

    public static DatasetManifest download(ObjectStore store, String prefix, Path dir) throws IOException {
        String p = normalise(prefix);
        byte[] json = store.get(p + DatasetManifest.FILE)
                .orElseThrow(() -> new IOException("no dataset manifest at " + store.bucket() + "/" + p));
        DatasetManifest m = DatasetManifest.fromJson(json);
        Files.createDirectories(dir);
        for (ShardInfo s : m.shards()) {
            Path target = dir.resolve(s.name());
            if (!store.getFile(p + s.name(), target)) {
                throw new IOException("shard missing in the store: " + p + s.name());
            }
            verify(target, s);
        }
        Files.write(dir.resolve(DatasetManifest.FILE), json);
        return m;
    }

    /** Checks a shard file against its manifest entry. */
    public static void verify(Path file, ShardInfo s) throws IOException {
        long size = Files.size(file);
        if (size != s.bytes()) {
            throw new IOException(s.name() + ": " + size + " bytes, manifest says " + s.bytes());
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String got = HexFormat.of().formatHex(sha.digest());
        if (!got.equals(s.sha256())) {
            throw new IOException(s.name() + ": SHA-256 " + got + ", manifest says " + s.sha256());
        }
    }

    private static String normalise(String prefix) {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }
}
