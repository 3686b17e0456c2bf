package io.likeness.gateway.view;

import io.likeness.contracts.job.JobSnapshot;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Maintains the global {@code jobs} store from {@code likeness.jobs} and announces each update. */
final class GlobalJobsUpdater implements Processor<String, JobSnapshot, Void, Void> {

    private final JobUpdates updates;
    private KeyValueStore<String, JobSnapshot> store;

    GlobalJobsUpdater(JobUpdates updates) {
        this.updates = updates;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(JobViewTopology.JOBS_STORE);
    }

    @Override
    public void process(Record<String, JobSnapshot> record) {
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        store.put(record.key(), record.value());
        updates.publish(record.value());
    }
}
