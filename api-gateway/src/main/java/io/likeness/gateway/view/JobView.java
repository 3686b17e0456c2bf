package io.likeness.gateway.view;

import io.likeness.contracts.job.JobSnapshot;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.model.ModelRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Read side of the job view: the global {@code jobs} and {@code models} stores of this instance. */
@ApplicationScoped
public class JobView {

    /** A page of jobs, newest first; {@code nextCursor} continues after the last one. */
    public record Page(List<JobSnapshot> jobs, Optional<String> nextCursor) {
    }

    private final KafkaStreams streams;

    @Inject
    public JobView(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<JobSnapshot> find(String jobId) {
        return Optional.ofNullable(jobs().get(jobId)).filter(s -> s.state() != null);
    }

    /** The promoted checkpoint, if one was published. */
    public Optional<ModelRecord> activeModel() {
        return Optional.ofNullable(models().get(ModelRecord.ACTIVE_KEY));
    }

    public Optional<ModelRecord> model(String version) {
        return Optional.ofNullable(models().get(version));
    }

    /**
     * Jobs newest first (by creation time, then id), optionally in one state. The cursor is the position of the
     * last job returned ({@code createdAtMillis.jobId}). This scans the global store: fine for the job volumes a
     * gateway keeps (retention bounds it); an index topic would replace the scan at larger scale.
     */
    public Page list(Optional<JobState> state, Optional<String> cursor, int limit) {
        Optional<Position> after = cursor.map(Position::parse);
        List<JobSnapshot> matching = new ArrayList<>();
        try (KeyValueIterator<String, JobSnapshot> all = jobs().all()) {
            all.forEachRemaining(kv -> {
                JobSnapshot s = kv.value;
                if (s.state() != null && state.map(st -> st == s.state()).orElse(true)
                        && after.map(a -> Position.of(s).isOlderThan(a)).orElse(true)) {
                    matching.add(s);
                }
            });
        }
        matching.sort(Comparator.comparing((JobSnapshot s) -> Position.of(s)).reversed());
        List<JobSnapshot> page = matching.subList(0, Math.min(limit, matching.size()));
        Optional<String> next = matching.size() > limit ? Optional.of(Position.of(page.getLast()).encode()) : Optional.empty();
        return new Page(List.copyOf(page), next);
    }

    private ReadOnlyKeyValueStore<String, JobSnapshot> jobs() {
        return store(JobViewTopology.JOBS_STORE);
    }

    private ReadOnlyKeyValueStore<String, ModelRecord> models() {
        return store(JobViewTopology.MODELS_STORE);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new ViewUnavailableException("the job view is still loading (" + e.getMessage() + "); retry shortly", e);
        }
    }

    /** Sort key of a job in listings. */
    record Position(Instant createdAt, String jobId) implements Comparable<Position> {

        static Position of(JobSnapshot s) {
            Instant created = s.spec().map(sp -> sp.createdAt())
                    .orElse(s.enteredAt().getOrDefault(JobState.QUEUED, s.updatedAt()));
            return new Position(created, s.jobId());
        }

        static Position parse(String cursor) {
            int dot = cursor.indexOf('.');
            try {
                return new Position(Instant.ofEpochMilli(Long.parseLong(cursor.substring(0, dot))), cursor.substring(dot + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid cursor '" + cursor + "': pass the nextCursor of a previous page");
            }
        }

        String encode() {
            return createdAt.toEpochMilli() + "." + jobId;
        }

        boolean isOlderThan(Position other) {
            return compareTo(other) < 0;
        }

        @Override
        public int compareTo(Position o) {
            int byTime = Long.compare(createdAt.toEpochMilli(), o.createdAt.toEpochMilli());
            return byTime != 0 ? byTime : jobId.compareTo(o.jobId);
        }
    }
}
