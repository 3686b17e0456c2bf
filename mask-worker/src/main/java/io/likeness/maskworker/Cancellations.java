package io.likeness.maskworker;

import io.likeness.contracts.kafka.CompactedTopicTable;

import io.likeness.contracts.events.JobControl;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The canceled job ids: the compacted {@code likeness.job.control} topic in memory, read from the beginning. */
@ApplicationScoped
public class Cancellations {

    private static final Logger LOG = Logger.getLogger(Cancellations.class);

    @Inject
    MaskWorkerConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    private CompactedTopicTable<JobControl> table;

    void start(@Observes StartupEvent event) {
        table();
    }

    private synchronized CompactedTopicTable<JobControl> table() {
        if (table == null) {
            table = new CompactedTopicTable<>(bootstrapServers, Topics.CONTROL.name(), application + "-control",
                    bytes -> Json.read(bytes, JobControl.class));
            table.start();
        }
        return table;
    }

    /** What this instance knows now (cheap; polled before each denoising step). */
    public boolean isCanceled(String jobId) {
        return table().get(jobId).map(c -> c.action() == JobControl.Action.CANCEL).orElse(false);
    }

    /**
     * Whether the job is canceled, after catching up with the topic: a cancellation produced before this call is
     * seen. When the topic cannot be read in time, answers from what is known.
     */
    public boolean isCanceledNow(String jobId) {
        if (!table().awaitCaughtUp(config.catchUpTimeout())) {
            LOG.warnf("the cancellation table did not catch up within %s; deciding on what is known",
                    config.catchUpTimeout());
        }
        return isCanceled(jobId);
    }

    @PreDestroy
    synchronized void stop() {
        if (table != null) {
            table.close();
        }
    }
}
