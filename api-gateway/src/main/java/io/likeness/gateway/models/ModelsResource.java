package io.likeness.gateway.models;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The model lifecycle: every published version, explicit promotion, rollback. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class ModelsResource {

    @Inject
    ModelLifecycle lifecycle;

    @GET
    @Operation(summary = "Every model version with status, metrics, catalog and timestamps; which one is active")
    public ModelLifecycle.Registry list() {
        return lifecycle.list();
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "One model version")
    public ModelView get(@PathParam("version") String version) {
        return lifecycle.get(version);
    }

    @POST
    @Path("/{version}/promote")
    @Operation(summary = "Make a version the active one (new jobs use it; jobs already masked keep theirs). "
            + "gated=true: only if its metrics do not regress from the active version's")
    public ModelView promote(@PathParam("version") String version, @QueryParam("gated") boolean gated) {
        return lifecycle.promote(version, gated);
    }

    @POST
    @Path("/rollback")
    @Operation(summary = "Re-promote the version that was active before the current one")
    public ModelView rollback() {
        return lifecycle.rollback();
    }
}
