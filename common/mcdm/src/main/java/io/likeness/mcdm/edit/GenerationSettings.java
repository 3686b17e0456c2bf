package io.likeness.mcdm.edit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to reproduce an output, recorded with it (PNG text chunks, job records).
 *
 * @param maskThreshold λ used for AUTO masks, NaN otherwise
 */
public record GenerationSettings(long seed, int steps, double imageScale, double spatialScale, double textScale,
        String scheduler, String checkpointVersion, String targetPrompt, String sourcePrompt, MaskMode maskMode,
        double maskThreshold, int width, int height) {

    /** Key prefix of the PNG text entries. */
    public static final String KEY_PREFIX = "likeness.";

    /** Flat key → value form, in a stable order; prompts may contain any Unicode. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_PREFIX + "seed", Long.toString(seed));
        m.put(KEY_PREFIX + "steps", Integer.toString(steps));
        m.put(KEY_PREFIX + "scales", imageScale + "," + spatialScale + "," + textScale);
        m.put(KEY_PREFIX + "scheduler", scheduler);
        m.put(KEY_PREFIX + "checkpoint", checkpointVersion);
        m.put(KEY_PREFIX + "targetPrompt", targetPrompt);
        m.put(KEY_PREFIX + "sourcePrompt", sourcePrompt == null ? "" : sourcePrompt);
        m.put(KEY_PREFIX + "maskMode", maskMode.name());
        m.put(KEY_PREFIX + "maskThreshold", Double.isNaN(maskThreshold) ? "" : Double.toString(maskThreshold));
        m.put(KEY_PREFIX + "size", width + "x" + height);
        return m;
    }
}
