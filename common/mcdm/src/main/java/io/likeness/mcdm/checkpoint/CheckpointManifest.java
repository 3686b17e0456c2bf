package io.likeness.mcdm.checkpoint;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json} of a checkpoint directory.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written by this code
 * @param version       the checkpoint's own label (recorded in generation settings), e.g. {@code outfit-2026-11-21}
 * @param architecture  preset + hyper-parameters
 * @param editCatalog   direction id → prompts and λ
 * @param provenance    training command, seeds, data, steps, git commit
 * @param metrics       evaluation metrics (name → value)
 * @param files         weight file name → lower-case hex sha256 (filled in by {@link CheckpointStore#save})
 */
public record CheckpointManifest(int formatVersion, String version, ArchitectureSpec architecture,
        Map<String, EditDirection> editCatalog, TrainingProvenance provenance, Map<String, Double> metrics,
        Map<String, String> files) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    public CheckpointManifest {
        editCatalog = editCatalog == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(editCatalog));
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
        files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** A manifest of the current format without file hashes (they are computed on save). */
    public static CheckpointManifest of(String version, ArchitectureSpec architecture,
            Map<String, EditDirection> editCatalog, TrainingProvenance provenance, Map<String, Double> metrics) {
        return new CheckpointManifest(FORMAT_VERSION, version, architecture, editCatalog, provenance, metrics, null);
    }

    public CheckpointManifest withFiles(Map<String, String> hashes) {
        return new CheckpointManifest(formatVersion, version, architecture, editCatalog, provenance, metrics, hashes);
    }

    /** The same manifest with these metrics added (replacing values of the same name). */
    public CheckpointManifest withMetrics(Map<String, Double> added) {
        Map<String, Double> all = new TreeMap<>(metrics);
        all.putAll(added);
        return new CheckpointManifest(formatVersion, version, architecture, editCatalog, provenance, all, files);
    }
}
