package io.likeness.mcdm.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.mcdm.nn.layers.NnBlock;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Versioned checkpoints: a directory with {@code manifest.json} and one {@code <name>.params} file per block
 * (DJL {@link Block#saveParameters}), each file's sha256 recorded in the manifest; a single-file zip archive of that
 * directory for object storage. Loading verifies every hash first and names the offending file on a mismatch.
 *
 * <p>A checkpoint meant to be committed or shipped small may store a library block's weights in float16 instead
 * ({@link #saveHalf}: {@code <name>.f16.ndlist}, the block's parameters by state-dict name); {@link #load} reads
 * either form and always yields float32 weights, so nothing downstream knows the difference.
 */
public final class CheckpointStore {

    /** Content type of the archive. */
    public static final String ARCHIVE_CONTENT_TYPE = "application/zip";
    private static final String WEIGHTS_SUFFIX = ".params";
    private static final String HALF_SUFFIX = ".f16.ndlist";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CheckpointStore() {
    }

    /**
     * Writes the blocks' parameters and the manifest (with the computed hashes) into {@code dir} (created if needed).
     *
     * @param blocks block name → initialised block; the name becomes {@code <name>.params}
     * @return the manifest as written
     */
    public static CheckpointManifest save(Path dir, CheckpointManifest manifest, Map<String, Block> blocks)
            throws IOException {
        return write(dir, manifest, blocks, CheckpointStore::fileName, (block, path) -> {
            try (OutputStream os = Files.newOutputStream(path);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
                block.saveParameters(out);
            }
        });
    }

    private interface WeightsWriter {
        void write(Block block, Path file) throws IOException;
    }

    /** Writes each block with {@code writer} into the file {@code naming} gives it, then the manifest with hashes. */
    private static CheckpointManifest write(Path dir, CheckpointManifest manifest, Map<String, Block> blocks,
                                            java.util.function.UnaryOperator<String> naming, WeightsWriter writer)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, String> hashes = new TreeMap<>();
        for (Map.Entry<String, Block> e : new TreeMap<>(blocks).entrySet()) {
            String file = naming.apply(e.getKey());
            writer.write(e.getValue(), dir.resolve(file));
            hashes.put(file, sha256(dir.resolve(file)));
        }
        CheckpointManifest written = manifest.withFiles(hashes);
        writeManifest(dir, written);
        return written;
    }

    public static void writeManifest(Path dir, CheckpointManifest manifest) throws IOException {
        JSON.writeValue(dir.resolve(CheckpointManifest.FILE_NAME).toFile(), manifest);
    }

    public static CheckpointManifest readManifest(Path dir) throws IOException {
        Path path = dir.resolve(CheckpointManifest.FILE_NAME);
        if (!Files.isRegularFile(path)) {
            throw new CheckpointIntegrityException(CheckpointManifest.FILE_NAME, "missing in " + dir);
        }
        CheckpointManifest m = JSON.readValue(path.toFile(), CheckpointManifest.class);
        if (m.formatVersion() != CheckpointManifest.FORMAT_VERSION) {
            throw new IOException("unsupported checkpoint format version " + m.formatVersion() + " (this code reads "
                    + CheckpointManifest.FORMAT_VERSION + ")");
        }
        return m;
    }

    /** Reads the manifest and checks every listed file's sha256. */
    public static CheckpointManifest verify(Path dir) throws IOException {
        CheckpointManifest m = readManifest(dir);
        for (Map.Entry<String, String> e : m.files().entrySet()) {
            String file = e.getKey();
            if (!NAME.matcher(file).matches()) {
                throw new CheckpointIntegrityException(file, "invalid file name in the manifest");
            }
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new CheckpointIntegrityException(file, "missing");
            }
            String actual = sha256(path);
            if (!actual.equalsIgnoreCase(e.getValue())) {
                throw new CheckpointIntegrityException(file,
                        "sha256 mismatch (manifest " + e.getValue() + ", file " + actual + ")");
            }
        }
        return m;
    }

    /**
     * Verifies the directory, then loads each block's parameters. The blocks must be built and initialised with the
     * same architecture (DJL loads values into existing parameter shapes).
     */
    public static CheckpointManifest load(Path dir, NDManager manager, Map<String, Block> blocks) throws IOException {
        CheckpointManifest m = verify(dir);
        for (Map.Entry<String, Block> e : blocks.entrySet()) {
            String file = fileName(e.getKey());
            if (!m.files().containsKey(file) && m.files().containsKey(halfFileName(e.getKey()))) {
                loadHalf(dir.resolve(halfFileName(e.getKey())), manager, e.getValue());
                continue;
            }
            if (!m.files().containsKey(file)) {
                throw new CheckpointIntegrityException(file, "not listed in the manifest");
            }
            try (InputStream is = Files.newInputStream(dir.resolve(file));
                    DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
                e.getValue().loadParameters(manager, in);
            } catch (MalformedModelException ex) {
                throw new CheckpointIntegrityException(file, "does not fit the block: " + ex.getMessage());
            }
        }
        return m;
    }

    /**
     * As {@link #save}, with every weight stored in float16 ({@code <name>.f16.ndlist}): half the size, for a
     * checkpoint committed to the repository or shipped. Only library blocks ({@link NnBlock}, whose parameters
     * have state-dict names) can be stored this way.
     */
    public static CheckpointManifest saveHalf(Path dir, CheckpointManifest manifest, Map<String, Block> blocks)
            throws IOException {
        return write(dir, manifest, blocks, CheckpointStore::halfFileName, (block, path) -> {
            NnBlock nn = libraryBlock(block, path.getFileName().toString());
            try (NDManager tmp = NDManager.newBaseManager()) {
                NDList list = new NDList();
                for (Map.Entry<String, Parameter> p : nn.namedParameters().entrySet()) {
                    NDArray w = p.getValue().getArray();
                    NDArray h = tmp.create(w.toFloatArray(), w.getShape()).toType(DataType.FLOAT16, false);
                    h.setName(p.getKey());
                    list.add(h);
                }
                Files.write(path, list.encode());
            }
        });
    }

    private static void loadHalf(Path path, NDManager manager, Block target) throws IOException {
        String file = path.getFileName().toString();
        NnBlock block = libraryBlock(target, file);
        Map<String, Parameter> params = block.namedParameters();
        try (NDManager tmp = manager.newSubManager()) {
            NDList list = NDList.decode(tmp, Files.readAllBytes(path));
            if (list.size() != params.size()) {
                throw new CheckpointIntegrityException(file, "holds " + list.size() + " weights, the block has "
                        + params.size());
            }
            for (NDArray h : list) {
                Parameter p = params.get(h.getName());
                if (p == null || p.getArray() == null) {
                    throw new CheckpointIntegrityException(file, "weight '" + h.getName() + "' is not a parameter of "
                            + "the (initialised) block");
                }
                if (!p.getArray().getShape().equals(h.getShape())) {
                    throw new CheckpointIntegrityException(file, "weight '" + h.getName() + "' has shape "
                            + h.getShape() + ", the block expects " + p.getArray().getShape());
                }
                p.getArray().set(new NDIndex("..."), h.toType(DataType.FLOAT32, false));
            }
        }
    }

    private static NnBlock libraryBlock(Block block, String file) throws CheckpointIntegrityException {
        if (block instanceof NnBlock nn) {
            return nn;
        }
        throw new CheckpointIntegrityException(file, "float16 weights are only stored for library blocks (NnBlock), "
                + "not " + block.getClass().getSimpleName());
    }

    private static String halfFileName(String blockName) {
        String params = fileName(blockName);
        return params.substring(0, params.length() - WEIGHTS_SUFFIX.length()) + HALF_SUFFIX;
    }

    /** Zips the checkpoint directory (manifest first, then the listed files) into one file. */
    public static void archive(Path dir, Path archive) throws IOException {
        CheckpointManifest m = verify(dir);
        try (OutputStream os = Files.newOutputStream(archive);
                ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(os))) {
            putEntry(zip, dir, CheckpointManifest.FILE_NAME);
            for (String file : m.files().keySet()) {
                putEntry(zip, dir, file);
            }
        }
    }

    /** Unpacks an archive into {@code dir} (created if needed) and verifies it. */
    public static CheckpointManifest extract(Path archive, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream is = Files.newInputStream(archive);
                ZipInputStream zip = new ZipInputStream(new BufferedInputStream(is))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (e.isDirectory() || !NAME.matcher(name).matches()) {
                    throw new CheckpointIntegrityException(name, "unexpected archive entry");
                }
                Files.copy(zip, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return verify(dir);
    }

    /** Archives the directory and stores it under {@code key}. */
    public static void upload(ObjectStore store, String key, Path dir) throws IOException {
        Path tmp = Files.createTempFile("checkpoint-", ".zip");
        try {
            archive(dir, tmp);
            store.putFile(key, tmp, ARCHIVE_CONTENT_TYPE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Fetches the archive stored under {@code key}, unpacks it into {@code dir} and verifies it. */
    public static CheckpointManifest download(ObjectStore store, String key, Path dir) throws IOException {
        Path tmp = Files.createTempFile("checkpoint-", ".zip");
        try {
            if (!store.getFile(key, tmp)) {
                throw new NoSuchFileException(key, null, "no checkpoint archive in bucket " + store.bucket());
            }
            return extract(tmp, dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Lower-case hex sha256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void putEntry(ZipOutputStream zip, Path dir, String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0L);
        zip.putNextEntry(entry);
        Files.copy(dir.resolve(name), zip);
        zip.closeEntry();
    }

    private static String fileName(String blockName) {
        if (!NAME.matcher(blockName).matches()) {
            throw new IllegalArgumentException("invalid block name '" + blockName + "'");
        }
        return blockName + WEIGHTS_SUFFIX;
    }
}
