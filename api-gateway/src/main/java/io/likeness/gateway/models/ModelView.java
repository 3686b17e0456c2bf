package io.likeness.gateway.models;

import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A model version as the API shows it. {@code active}: it serves new jobs. */
public record ModelView(String version, String status, boolean active, Map<String, Double> metrics,
                        List<EditDirection> catalog, String manifestKey, Instant publishedAt, Instant promotedAt,
                        Instant updatedAt, String note) {

    static ModelView of(ModelRecord r, boolean active) {
        return new ModelView(r.version(), r.status().name().toLowerCase(java.util.Locale.ROOT), active, r.metrics(),
                r.catalog(), r.manifestKey(), r.publishedAt(), r.promotedAt(), r.at(), r.note());
    }
}
