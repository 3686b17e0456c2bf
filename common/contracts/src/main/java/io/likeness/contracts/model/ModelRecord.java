package io.likeness.contracts.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Topic {@code likeness.models} (compacted): one record per checkpoint version (key = version), plus the key
 * {@link #ACTIVE_KEY} whose value is the promoted checkpoint. Workers load new versions without a restart;
 * jobs already masked keep the version their mask used. Changes of status are computed by {@link Promotions}.
 *
 * @param version        checkpoint version, e.g. {@code mcdm-tiny-20261121-1}
 * @param status         PUBLISHED (available, not serving new jobs), PROMOTED (serves new jobs), RETIRED (may not
 *                       be promoted again)
 * @param manifestKey    S3 key of the checkpoint's manifest
 * @param catalog        the edit directions it was trained for
 * @param metrics        evaluation figures (SSIM, PSNR, mask IoU, …)
 * @param at             when this record was written (last change)
 * @param note           free text from the publisher
 * @param publishedAt    when the version was first published (kept across status changes)
 * @param promotedAt     when the version was last promoted; absent if never
 * @param previousActive on the {@link #ACTIVE_KEY} record only: the versions active before this one, most recent
 *                       first (what {@code rollback} goes back to; kept in the topic so it survives restarts)
 */
public record ModelRecord(int schemaVersion, String version, Status status, String manifestKey,
                          List<EditDirection> catalog, Map<String, Double> metrics, Instant at, String note,
                          Instant publishedAt, Instant promotedAt, List<String> previousActive) {

    public static final String ACTIVE_KEY = "active";
    public static final int SCHEMA_VERSION = io.likeness.contracts.events.SchemaVersions.MODEL_RECORD;

    public enum Status { PUBLISHED, PROMOTED, RETIRED }

    public ModelRecord {
        catalog = catalog == null ? List.of() : List.copyOf(catalog);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        previousActive = previousActive == null ? List.of() : List.copyOf(previousActive);
        publishedAt = publishedAt == null ? at : publishedAt;
        promotedAt = promotedAt == null && status == Status.PROMOTED ? at : promotedAt;
    }

    /** A record as publishers wrote it before the lifecycle fields existed. */
    public ModelRecord(int schemaVersion, String version, Status status, String manifestKey,
                       List<EditDirection> catalog, Map<String, Double> metrics, Instant at, String note) {
        this(schemaVersion, version, status, manifestKey, catalog, metrics, at, note, at,
                status == Status.PROMOTED ? at : null, List.of());
    }

    public Optional<EditDirection> direction(String id) {
        return catalog.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** This version's own record with another status (the promotion history belongs to the active key only). */
    public ModelRecord withStatus(Status newStatus, Instant now) {
        return new ModelRecord(schemaVersion, version, newStatus, manifestKey, catalog, metrics, now, note,
                publishedAt, newStatus == Status.PROMOTED ? now : promotedAt, List.of());
    }

    /** The value of the {@link #ACTIVE_KEY} key for this (promoted) version. */
    public ModelRecord asActive(List<String> history) {
        return new ModelRecord(schemaVersion, version, status, manifestKey, catalog, metrics, at, note, publishedAt,
                promotedAt, history);
    }
}
