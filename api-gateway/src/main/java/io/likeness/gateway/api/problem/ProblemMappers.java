package io.likeness.gateway.api.problem;

import io.likeness.contracts.job.ErrorCodes;
import io.likeness.gateway.view.ViewUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the HTTP API leaves as {@code application/problem+json} with a stable code. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(Problem.of(e.status(), e.code(), e.title(), e.getMessage(), e.retryable(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response image(io.likeness.contracts.image.ImageRejectedException e, UriInfo uri) {
        return respond(Problem.of(e.httpStatus(), e.code(), "Image rejected", e.getMessage(), false, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unavailable(ViewUnavailableException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(503, "view_unavailable", "Job view not ready",
                e.getMessage(), true, uri.getPath()))).header("Retry-After", "2").build();
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e, UriInfo uri) {
        return respond(Problem.of(400, ErrorCodes.INVALID_REQUEST, "Invalid request", e.getMessage(), false, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCodes.UNSUPPORTED_MEDIA;
            default -> status >= 500 ? ErrorCodes.INTERNAL : ErrorCodes.INVALID_REQUEST;
        };
        return respond(Problem.of(status, code, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(),
                status >= 500, uri.getPath()));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return respond(Problem.of(500, ErrorCodes.INTERNAL, "Internal error",
                "something went wrong on our side; retrying may help", true, uri.getPath()));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
