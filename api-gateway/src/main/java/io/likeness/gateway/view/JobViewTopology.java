package io.likeness.gateway.view;

import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.contracts.kafka.Topics;
import io.likeness.contracts.model.ModelRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The job view, as a Kafka Streams topology:
 * <ol>
 * <li>fold {@code likeness.job.events} per job id into a {@link JobSnapshot} (partitioned across the gateway
 * instances of one application id, state backed by a changelog topic) and write every new snapshot to the
 * compacted {@code likeness.jobs} topic;</li>
 * <li>read {@code likeness.jobs} and {@code likeness.models} as global tables, so every gateway instance can
 * answer for every job and knows the active checkpoint's catalog.</li>
 * </ol>
 * No in-memory-only truth: after a restart the stores are rebuilt from the topics.
 */
@ApplicationScoped
public class JobViewTopology {

    public static final String FOLD_STORE = "job-fold";
    public static final String JOBS_STORE = "jobs";
    public static final String MODELS_STORE = "models";

    private final JobUpdates updates;

    @jakarta.inject.Inject
    public JobViewTopology(JobUpdates updates) {
        this.updates = updates;
    }

    @Produces
    public Topology topology() {
        Serde<String> keys = Serdes.String();
        Serde<JobEvent> events = JsonSerde.of(JobEvent.class);
        Serde<JobSnapshot> snapshots = JsonSerde.of(JobSnapshot.class);
        StreamsBuilder builder = new StreamsBuilder();

        builder.stream(Topics.JOB_EVENTS.name(), Consumed.with(keys, events))
                .groupByKey(Grouped.with(keys, events))
                .aggregate(() -> JobSnapshot.empty(""),
                        (jobId, event, snapshot) -> (snapshot.jobId().isEmpty() ? JobSnapshot.empty(jobId) : snapshot).apply(event),
                        Materialized.<String, JobSnapshot, KeyValueStore<Bytes, byte[]>>as(FOLD_STORE)
                                .withKeySerde(keys).withValueSerde(snapshots).withCachingDisabled())
                .toStream()
                .to(Topics.JOBS.name(), Produced.with(keys, snapshots));

        // a global store with our own update processor, so listeners hear of every snapshot on every instance
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(JOBS_STORE), keys, snapshots).withLoggingDisabled(),
                Topics.JOBS.name(), Consumed.with(keys, snapshots),
                () -> new GlobalJobsUpdater(updates));
        builder.globalTable(Topics.MODELS.name(), Consumed.with(keys, JsonSerde.of(ModelRecord.class)),
                Materialized.<String, ModelRecord, KeyValueStore<Bytes, byte[]>>as(MODELS_STORE)
                        .withKeySerde(keys).withValueSerde(JsonSerde.of(ModelRecord.class)).withCachingDisabled());
        return builder.build();
    }
}
