package io.likeness.gateway.api;

import io.likeness.contracts.model.EditDirection;
import io.likeness.contracts.model.ModelRecord;
import io.likeness.gateway.api.problem.ApiException;
import io.likeness.gateway.view.JobView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The edit directions the active checkpoint offers. */
@Path("/v1/edits/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "edits")
public class CatalogResource {

    @Inject
    JobView view;

    public record Catalog(String checkpointVersion, List<EditDirection> edits) {
    }

    @GET
    @Operation(summary = "Edit direction ids with their source and target prompts and mask threshold")
    public Catalog catalog() {
        ModelRecord active = view.activeModel().orElseThrow(() -> new ApiException(503, "no_checkpoint",
                "No checkpoint promoted", "no MCDM checkpoint has been promoted yet; publish one with the trainer", true));
        return new Catalog(active.version(), active.catalog());
    }
}
