package io.likeness.gateway.view;

import io.likeness.contracts.job.JobSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Tells SSE streams and {@code Prefer: wait} requests of this instance about every new snapshot of a job, as
 * the global {@code jobs} store applies it (every instance sees every job).
 */
@ApplicationScoped
public class JobUpdates {

    private final ConcurrentHashMap<String, Set<Consumer<JobSnapshot>>> listeners = new ConcurrentHashMap<>();

    /** Registers a listener for one job; close the returned handle to stop listening. */
    public AutoCloseable listen(String jobId, Consumer<JobSnapshot> listener) {
        listeners.computeIfAbsent(jobId, id -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(jobId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void publish(JobSnapshot snapshot) {
        Set<Consumer<JobSnapshot>> set = listeners.get(snapshot.jobId());
        if (set != null) {
            set.forEach(l -> l.accept(snapshot));
        }
    }
}
