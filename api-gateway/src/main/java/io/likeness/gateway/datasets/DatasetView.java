package io.likeness.gateway.datasets;

import io.likeness.contracts.trainer.TrainerEvent;
import java.time.Instant;
import java.util.Locale;

/**
 * A dataset request as the API shows it. {@code state}: {@code in_progress}, {@code succeeded}, {@code failed};
 * {@code done} of {@code total} pairs generated; {@code datasetKey}: the S3 key of its manifest once stored.
 */
public record DatasetView(String id, String state, long done, long total, Double fraction, String datasetKey,
                          String error, Instant updatedAt) {

    static DatasetView of(TrainerEvent e) {
        String state = e.type() == TrainerEvent.Type.PROGRESS ? "in_progress" : e.type().name().toLowerCase(Locale.ROOT);
        Double fraction = e.total() > 0 ? Math.min(1.0, (double) e.done() / e.total()) : null;
        return new DatasetView(e.requestId(), state, e.done(), e.total(), fraction, e.datasetKey().orElse(null),
                e.error().orElse(null), e.at());
    }
}
