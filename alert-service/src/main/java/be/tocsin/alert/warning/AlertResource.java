package be.tocsin.alert.warning;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;

import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import be.tocsin.platform.web.Language;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * Alerts as JSON: the public list (no login), and drafting (analyst), publishing and withdrawing
 * (publisher, never the draft's author) for staff.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertStore store;
    private final AlertActions actions;
    private final PublicAlerts publicAlerts;
    private final SecurityIdentity identity;

    public AlertResource(AlertStore store, AlertActions actions, PublicAlerts publicAlerts, SecurityIdentity identity) {
        this.store = store;
        this.actions = actions;
        this.publicAlerts = publicAlerts;
        this.identity = identity;
    }

    @GET
    @PermitAll
    @Operation(summary = "Published alerts in one language (fr, nl, de, en; default from Accept-Language), newest first")
    public Response published(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage,
            @Context Request request) {
        Language language = Language.choose(lang, acceptLanguage);
        return publicAlerts.conditional(request, language, "json", MediaType.APPLICATION_JSON,
                () -> store.published().stream().map(alert -> publicAlerts.summary(alert, language)).toList());
    }

    @POST
    @RolesAllowed("analyst")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft an alert in fr, nl, de and en, optionally about a campaign or updating a published alert")
    public Response draft(AlertActions.Draft draft) {
        UUID id = actions.draft(draft, actor());
        return Response.created(URI.create("/api/v1/alerts/" + id)).entity(store.find(id).orElseThrow()).build();
    }

    @GET
    @Path("all")
    @RolesAllowed("analyst")
    @Operation(summary = "Every alert, drafts included, newest change first (staff)")
    public List<Alert> all() {
        return store.all(200);
    }

    @GET
    @Path("{id}")
    @RolesAllowed("analyst")
    @Operation(summary = "One alert with every language, whatever its status (staff)")
    public Alert detail(@PathParam("id") String id) {
        return store.find(uuid(id)).orElseThrow(AlertResource::notFound);
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed("publisher")
    @Operation(summary = "Publish a draft (four eyes: not its author); announces alert.published")
    public Alert publish(@PathParam("id") String id) {
        return actions.publish(uuid(id), actor());
    }

    @POST
    @Path("{id}/withdraw")
    @RolesAllowed("publisher")
    @Operation(summary = "Withdraw a published alert (CAP Cancel)")
    public Alert withdraw(@PathParam("id") String id) {
        return actions.withdraw(uuid(id), actor());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    static ProblemException notFound() {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No such alert."));
    }
}
