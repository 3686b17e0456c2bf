package io.likeness.gateway.webhook;

import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.events.Json;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.gateway.api.EditJobMapper;
import io.likeness.gateway.api.JobEvents;
import io.likeness.gateway.view.JobView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Runs the webhook dispatcher inside the gateway: its durable store on {@code likeness.webhook.deliveries}, its
 * attempt log as job events, and its feed: the job events, consumed by one consumer group across all gateway
 * instances so each event is dispatched once. Without signing secrets webhooks are off, and submissions that
 * ask for one are refused (see {@link #enabled()}).
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    @Inject
    WebhookConfig config;

    @Inject
    JobView view;

    @Inject
    JobEvents events;

    @Inject
    Clock clock;

    @Inject
    io.likeness.gateway.metrics.JobMetrics metrics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private volatile KafkaDeliveryStore store;
    private volatile WebhookDispatcher dispatcher;

    void start(@Observes StartupEvent ignored) throws InterruptedException {
        if (config.secrets().filter(s -> !s.isEmpty()).isEmpty()) {
            LOG.warn("webhooks are disabled: no signing secret (set LIKENESS_WEBHOOKS_SECRETS to a whsec_ value)");
            return;
        }
        store = new KafkaDeliveryStore(bootstrap, config.deliveryStoreGroup(), Map.of());
        if (!store.awaitReady(Duration.ofSeconds(60))) {
            LOG.warn("webhook delivery store not ready after 60 s; pending retries resume once it is");
        }
        AttemptRecorder recorder = (jobId, state, attempt, at) -> {
            metrics.webhookAttempt(attempt.outcome());
            events.publish(JobEvent.webhook(jobId, state, attempt, at));
        };
        dispatcher = config.newDispatcher(store, recorder, clock).start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** Whether this gateway can send webhooks (a signing secret is configured). */
    public boolean enabled() {
        return config.secrets().filter(s -> !s.isEmpty()).isPresent();
    }

    /** The feed: every state change and progress event of every job, once per cluster (webhooks, job metrics). */
    @Incoming("job-events-webhooks")
    @Blocking
    public void onJobEvent(JobEvent event) throws Exception {
        if (event.type() != JobEvent.Type.STATE && event.type() != JobEvent.Type.PROGRESS) {
            return;
        }
        Optional<JobSnapshot> known = awaitFolded(event);
        known.ifPresent(k -> metrics.observe(event, k.apply(event)));
        if (dispatcher == null) {
            return;
        }
        if (known.isEmpty() || known.get().spec().flatMap(s -> s.webhook()).isEmpty()) {
            return;
        }
        JobSnapshot after = known.get().apply(event);
        byte[] json = Json.write(EditJobMapper.toApi(after));
        WebhookDispatcher.Outcome outcome = dispatcher.onJobEvent(event, after, json).get();
        if (outcome == WebhookDispatcher.Outcome.REJECTED) {
            throw new IllegalStateException("webhook delivery for job " + event.jobId() + " could not be stored; will be retried");
        }
    }

    /**
     * The view is another consumer of the same events and may lag this feed by a moment. A state event's payload
     * must show the job in that state, so wait (bounded) until the view has folded it — or already moved past it
     * to a final state. For progress it is enough that the view knows the job.
     */
    private Optional<JobSnapshot> awaitFolded(JobEvent event) throws InterruptedException {
        Optional<JobSnapshot> s = Optional.empty();
        for (int i = 0; i < 100; i++) {
            s = view.find(event.jobId());
            if (s.isPresent() && (event.type() != JobEvent.Type.STATE || s.get().state() == event.state()
                    || s.get().state().isTerminal())) {
                return s;
            }
            Thread.sleep(50);
        }
        return s;
    }
}
