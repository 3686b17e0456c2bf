package io.likeness.gateway.api;

import io.likeness.contracts.events.JobControl;
import io.likeness.contracts.events.JobEvent;
import io.likeness.contracts.job.ErrorCodes;
import io.likeness.contracts.job.JobSnapshot;
import io.likeness.contracts.job.JobState;
import io.likeness.contracts.storage.ObjectStore;
import io.likeness.gateway.api.problem.ApiException;
import io.likeness.gateway.view.JobView;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reading, listing and canceling edit jobs; fetching their images. */
@Path("/v1/edits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "edits")
public class EditResource {

    /** A list page holds at most this many jobs. */
    static final int MAX_LIMIT = 100;

    @Inject
    JobView view;

    @Inject
    JobEvents events;

    @Inject
    ObjectStore store;

    @Inject
    Clock clock;

    @Inject
    io.likeness.gateway.config.GatewayConfig config;

    public record JobList(List<EditJob> data, String nextCursor) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An edit job: state, stage, progress, timings, error, links, parameters")
    public EditJob get(@PathParam("id") String id) {
        return EditJobMapper.toApi(require(id));
    }

    @GET
    @Operation(summary = "Edit jobs, newest first, with cursor pagination")
    public JobList list(@QueryParam("state") String state, @QueryParam("cursor") String cursor,
                        @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        Optional<JobState> filter = Optional.ofNullable(state).filter(s -> !s.isBlank()).map(s -> {
            try {
                return JobState.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown state '" + s + "'; use one of queued, masking, masked, "
                        + "editing, succeeded, failed, canceled");
            }
        });
        JobView.Page page = view.list(filter, Optional.ofNullable(cursor).filter(c -> !c.isBlank()), limit);
        return new JobList(page.jobs().stream().map(EditJobMapper::toApi).toList(), page.nextCursor().orElse(null));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a job: queued jobs never start, an in-flight edit stops at its next step")
    public EditJob cancel(@PathParam("id") String id) {
        JobSnapshot job = require(id);
        if (job.state() == JobState.CANCELED) {
            return EditJobMapper.toApi(job);
        }
        if (job.state().isTerminal()) {
            throw new ApiException(409, "job_finished", "Job already finished",
                    "job " + id + " is " + job.state().name().toLowerCase(Locale.ROOT) + " and can no longer be canceled", false);
        }
        var now = clock.instant();
        events.control(JobControl.cancel(id, now));
        events.publish(JobEvent.state(id, JobState.CANCELED, now, Map.of(), Optional.empty(), Optional.empty(), "api-gateway"));
        return EditJobMapper.toApi(job.apply(
                JobEvent.state(id, JobState.CANCELED, now, Map.of(), Optional.empty(), Optional.empty(), "api-gateway")));
    }

    @GET
    @Path("/{id}/input")
    @Produces({"image/png", "image/jpeg", "image/webp", MediaType.APPLICATION_JSON})
    @Operation(summary = "The uploaded image, as received")
    public Response input(@PathParam("id") String id) {
        return image(require(id), "input");
    }

    @GET
    @Path("/{id}/mask")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "The editing mask (white = edited), at the model resolution")
    public Response mask(@PathParam("id") String id) {
        return image(require(id), "mask");
    }

    @GET
    @Path("/{id}/result")
    @Produces({"image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "The edited image at the input's resolution; generation settings in its PNG metadata")
    public Response result(@PathParam("id") String id) {
        JobSnapshot job = require(id);
        if (job.state() != JobState.SUCCEEDED) {
            throw new ApiException(409, ErrorCodes.NOT_READY, "Result not ready",
                    "job " + id + " is " + job.state().name().toLowerCase(Locale.ROOT) + "; the result exists once it succeeded", job.state() != JobState.FAILED && job.state() != JobState.CANCELED);
        }
        return image(job, "result");
    }

    private Response image(JobSnapshot job, String role) {
        String key = job.artifacts().get(role);
        if (key == null) {
            throw new ApiException(404, ErrorCodes.NOT_READY, "No " + role + " yet",
                    "job " + job.jobId() + " has no " + role + " image (state " + job.state().name().toLowerCase(Locale.ROOT) + ")", true);
        }
        if (config.results().presignedRedirect()) {
            return Response.temporaryRedirect(store.presignGet(key, config.results().presignValidity())).build();
        }
        byte[] bytes = store.get(key).orElseThrow(() -> new ApiException(404, "artifact_missing", "Image missing",
                "the " + role + " of job " + job.jobId() + " is no longer in storage", false));
        String type = key.endsWith(".png") ? "image/png" : key.endsWith(".webp") ? "image/webp" : "image/jpeg";
        return Response.ok(bytes, type).header("Cache-Control", "private, max-age=3600").build();
    }

    private JobSnapshot require(String id) {
        return view.find(id).orElseThrow(() -> new ApiException(404, ErrorCodes.JOB_NOT_FOUND, "Job not found",
                "no edit job with id '" + id + "' (jobs appear here within a second of being accepted)", false));
    }

    static Duration clampWait(int seconds) {
        return Duration.ofSeconds(Math.max(0, Math.min(60, seconds)));
    }
}
