package io.likeness.gateway.api;

import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.gateway.api.problem.ApiException;
import io.likeness.gateway.view.JobUpdates;
import io.likeness.gateway.view.JobView;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/edits/{id}/events}: Server-Sent Events. The first event is the job as it is now; then one
 * {@code state} event per state change and one {@code progress} event per denoising step; the stream ends after
 * the terminal state. Event ids count the job's folded events.
 */
@Path("/v1/edits/{id}/events")
@Tag(name = "edits")
public class EventsResource {

    @Inject
    JobView view;

    @Inject
    JobUpdates updates;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events: state changes and per-step progress until the job ends")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        JobSnapshot now = view.find(id).orElseThrow(() -> new ApiException(404, ErrorCodes.JOB_NOT_FOUND, "Job not found",
                "no edit job with id '" + id + "'", false));
        return Multi.createFrom().emitter(emitter -> {
            AtomicLong lastEvent = new AtomicLong(-1);
            AtomicReference<JobSnapshot> last = new AtomicReference<>();
            Object lock = new Object();
            java.util.function.Consumer<JobSnapshot> send = s -> {
                synchronized (lock) {
                    if (s.state() == null || s.eventCount() <= lastEvent.get() || emitter.isCancelled()) {
                        return;
                    }
                    JobSnapshot previous = last.getAndSet(s);
                    lastEvent.set(s.eventCount());
                    boolean progressOnly = previous != null && previous.state() == s.state() && !s.progress().equals(previous.progress());
                    emitter.emit(sse.newEventBuilder()
                            .name(progressOnly ? "progress" : "state")
                            .id(Long.toString(s.eventCount()))
                            .mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(EditJob.class, EditJobMapper.toApi(s))
                            .build());
                    if (s.state().isTerminal()) {
                        emitter.complete();
                    }
                }
            };
            AutoCloseable handle = updates.listen(id, send);
            emitter.onTermination(() -> {
                try {
                    handle.close();
                } catch (Exception ignored) {
                    // removing a listener cannot fail
                }
            });
            send.accept(view.find(id).orElse(now));
        });
    }
}
