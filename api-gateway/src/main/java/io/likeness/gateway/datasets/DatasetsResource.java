package io.likeness.gateway.datasets;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dataset-generation requests for the trainer, and their progress. */
@Path("/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasets")
public class DatasetsResource {

    @Inject
    DatasetRequests datasets;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request training pairs for edit directions (202; poll the Location)")
    public Response submit(DatasetRequestBody body) {
        DatasetView accepted = datasets.submit(body);
        return Response.accepted(accepted).location(URI.create("/v1/datasets/" + accepted.id())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A dataset request's latest state: progress, the stored dataset's key, or the error")
    public DatasetView get(@PathParam("id") String id) {
        return datasets.find(id);
    }
}
