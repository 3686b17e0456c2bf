package io.likeness.contracts.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The S3 key layout, in one place. Every key is a pure function of ids, so a stage that is redelivered writes
 * the same objects again instead of new ones.
 *
 * <pre>
 * jobs/{jobId}/input.{ext}       the upload as received (EXIF and all), never served back transformed
 * jobs/{jobId}/prepared.png      oriented, cropped/resized to the model resolution
 * jobs/{jobId}/mask.png          editing mask at the model resolution (and soft mask)
 * jobs/{jobId}/result.png        the edit composited into the original, at the input's resolution
 * datasets/{datasetId}/...       studio corpora and generated pair sets (manifest.json + shards)
 * models/{version}/...           MCDM checkpoints (manifest.json + weights)
 * foundation/{version}/...       foundation checkpoints (autoencoder, encoders, identity mapper, base UNet)
 * runs/{runId}/...               trainer run state: checkpoints for resume, loss curves, sample grids
 * </pre>
 */
public final class StorageKeys {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private StorageKeys() {
    }

    public static String jobPrefix(String jobId) {
        return "jobs/" + id(jobId) + "/";
    }

    public static String jobInput(String jobId, String extension) {
        return jobPrefix(jobId) + "input." + extension.toLowerCase(Locale.ROOT);
    }

    public static String jobPrepared(String jobId) {
        return jobPrefix(jobId) + "prepared.png";
    }

    public static String jobMask(String jobId) {
        return jobPrefix(jobId) + "mask.png";
    }

    public static String jobSoftMask(String jobId) {
        return jobPrefix(jobId) + "mask-soft.png";
    }

    public static String jobProvidedMask(String jobId) {
        return jobPrefix(jobId) + "mask-provided.png";
    }

    public static String jobResult(String jobId) {
        return jobPrefix(jobId) + "result.png";
    }

    public static String datasetPrefix(String datasetId) {
        return "datasets/" + id(datasetId) + "/";
    }

    /** The manifest of a dataset, written after its shards: a dataset whose manifest exists is complete. */
    public static String datasetManifest(String datasetId) {
        return datasetPrefix(datasetId) + "manifest.json";
    }

    public static String modelPrefix(String version) {
        return "models/" + id(version) + "/";
    }

    public static String foundationPrefix(String version) {
        return "foundation/" + id(version) + "/";
    }

    public static String runPrefix(String runId) {
        return "runs/" + id(runId) + "/";
    }

    /** Ids become path segments: refuse anything that could escape its prefix. */
    static String id(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("not a valid id for a storage key: '" + id + "'");
        }
        return id;
    }
}
