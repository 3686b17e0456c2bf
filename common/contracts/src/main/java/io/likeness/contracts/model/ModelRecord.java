package io.likeness.contracts.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Topic {@code likeness.models} (compacted): one record per checkpoint version (key = version), plus the key
 * {@link #ACTIVE_KEY} whose value is the promoted checkpoint. Workers load new versions without a restart;
 * jobs already masked keep the version their mask used.
 *
 * @param version     checkpoint version, e.g. {@code mcdm-tiny-20261121-1}
 * @param status      PUBLISHED (available, not serving new jobs), PROMOTED (serves new jobs), RETIRED
 * @param manifestKey S3 key of the checkpoint's manifest
 * @param catalog     the edit directions it was trained for
 * @param metrics     evaluation figures (SSIM, PSNR, mask IoU, …)
 */
public record ModelRecord(int schemaVersion, String version, Status status, String manifestKey,
                          List<EditDirection> catalog, Map<String, Double> metrics, Instant at, String note) {

    public static final String ACTIVE_KEY = "active";

    public enum Status { PUBLISHED, PROMOTED, RETIRED }

    public ModelRecord {
        catalog = List.copyOf(catalog);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    public java.util.Optional<EditDirection> direction(String id) {
        return catalog.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
