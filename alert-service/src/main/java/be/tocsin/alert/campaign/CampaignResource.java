package be.tocsin.alert.campaign;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;

import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The centre staff's campaign API (role analyst). */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("analyst")
public class CampaignResource {

    public record ConfirmRequest(String title, String note, List<CampaignActions.IndicatorRef> indicators) {
    }

    public record ReasonRequest(String reason) {
    }

    public record MergeRequest(String otherId) {
    }

    public record SplitRequest(List<String> reportIds) {
    }

    private final CampaignQueries queries;
    private final CampaignActions actions;
    private final SecurityIdentity identity;

    public CampaignResource(CampaignQueries queries, CampaignActions actions, SecurityIdentity identity) {
        this.queries = queries;
        this.actions = actions;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The campaign queue, newest activity, most reports or fastest growth first")
    public CampaignViews.Page list(@QueryParam("status") String status, @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit) {
        return queries.list(status, sort, cursor, limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A campaign with its indicators, reports, channels, regions, samples and audit trail")
    public CampaignViews.Detail detail(@PathParam("id") String id) {
        return queries.detail(uuid(id)).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm: operators receive block requests for the chosen indicators")
    public CampaignViews.Detail confirm(@PathParam("id") String id, ConfirmRequest body) {
        ConfirmRequest request = body == null ? new ConfirmRequest(null, null, null) : body;
        actions.confirm(uuid(id), request.title(), request.note(), request.indicators(), actor());
        return detail(id);
    }

    @POST
    @Path("{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dismiss a candidate campaign")
    public CampaignViews.Detail dismiss(@PathParam("id") String id, ReasonRequest body) {
        actions.dismiss(uuid(id), body == null ? null : body.reason(), actor());
        return detail(id);
    }

    @POST
    @Path("{id}/lift")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Lift a confirmed campaign: operators receive LIFT requests")
    public CampaignViews.Detail lift(@PathParam("id") String id, ReasonRequest body) {
        actions.lift(uuid(id), body == null ? null : body.reason(), actor());
        return detail(id);
    }

    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fold another campaign into this one")
    public CampaignViews.Detail merge(@PathParam("id") String id, MergeRequest body) {
        actions.merge(uuid(id), body == null ? null : body.otherId(), actor());
        return detail(id);
    }

    @POST
    @Path("{id}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move some reports into a new campaign; answers the new campaign")
    public Response split(@PathParam("id") String id, SplitRequest body) {
        UUID fresh = actions.split(uuid(id), body == null ? null : body.reportIds(), actor());
        return Response.status(Response.Status.CREATED).header("Location", "/api/v1/campaigns/" + fresh)
                .entity(detail(fresh.toString())).build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No such campaign."));
    }
}
