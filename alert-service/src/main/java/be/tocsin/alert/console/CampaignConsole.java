package be.tocsin.alert.console;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;

import be.tocsin.alert.campaign.BlockProgress;
import be.tocsin.alert.campaign.CampaignActions;
import be.tocsin.alert.campaign.CampaignQueries;
import be.tocsin.alert.campaign.CampaignViews;
import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import be.tocsin.platform.web.CsrfTokens;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The analyst console's campaign pages (code flow through Keycloak, role analyst): the queue, a
 * campaign with everything staff need to decide, and the forms that confirm, dismiss, lift, merge
 * and split — the same actions as the JSON API, each behind the page's CSRF token.
 */
@Path("/console")
@RolesAllowed("analyst")
@Produces(MediaType.TEXT_HTML)
public class CampaignConsole {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(ConsoleUser user, String csrf, CampaignViews.Page page, String sort,
                String status);

        static native TemplateInstance campaign(ConsoleUser user, String csrf, CampaignViews.Detail campaign,
                List<ConsoleViews.RangeGrid> ranges, ConsoleViews.Chart chart, List<BlockProgress.OperatorBlock> blocks,
                Problem error);
    }

    private final CampaignQueries queries;
    private final CampaignActions actions;
    private final BlockProgress blocks;
    private final ConsoleUser user;

    public CampaignConsole(CampaignQueries queries, CampaignActions actions, BlockProgress blocks, ConsoleUser user) {
        this.queries = queries;
        this.actions = actions;
        this.blocks = blocks;
        this.user = user;
    }

    @GET
    @Operation(hidden = true)
    public Response queue(@QueryParam("sort") String sort, @QueryParam("status") String status,
            @QueryParam("cursor") String cursor, @CookieParam(CsrfTokens.COOKIE) String cookie) {
        String chosenSort = "velocity".equals(sort) ? "velocity" : "lastSeen";
        String chosenStatus = status == null || status.isBlank() ? null : status;
        String csrf = CsrfTokens.reuseOrCreate(cookie);
        return HtmlPage.of(Response.Status.OK, Templates.queue(user, csrf,
                queries.list(chosenStatus, chosenSort, cursor, 50), chosenSort, chosenStatus), csrf);
    }

    @GET
    @Path("campaigns/{id}")
    @Operation(hidden = true)
    public Response campaign(@PathParam("id") String id, @CookieParam(CsrfTokens.COOKIE) String cookie) {
        return page(uuid(id), cookie, null, Response.Status.OK);
    }

    @POST
    @Path("campaigns/{id}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response act(@PathParam("id") String id, @PathParam("action") String action,
            @CookieParam(CsrfTokens.COOKIE) String cookie, MultivaluedMap<String, String> form) {
        UUID campaign = uuid(id);
        user.verify(cookie, form);
        try {
            UUID shown = campaign;
            switch (action) {
                case "confirm" -> actions.confirm(campaign, form.getFirst("title"), form.getFirst("note"), null, user.name());
                case "dismiss" -> actions.dismiss(campaign, form.getFirst("reason"), user.name());
                case "lift" -> actions.lift(campaign, form.getFirst("reason"), user.name());
                case "merge" -> actions.merge(campaign, form.getFirst("otherId"), user.name());
                case "split" -> shown = actions.split(campaign, reportIds(form.getFirst("reportIds")), user.name());
                default -> throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No such action."));
            }
            return Response.seeOther(URI.create("/console/campaigns/" + shown)).build();
        } catch (ProblemException e) {
            return page(campaign, cookie, e.problem(), Response.Status.fromStatusCode(e.problem().status()));
        }
    }

    private Response page(UUID id, String cookie, Problem error, Response.Status status) {
        CampaignViews.Detail campaign = queries.detail(id).orElseThrow(
                () -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No such campaign.")));
        String csrf = CsrfTokens.reuseOrCreate(cookie);
        return HtmlPage.of(status, Templates.campaign(user, csrf, campaign, ConsoleViews.ranges(campaign.indicators()),
                ConsoleViews.chart(campaign.reportsPerHour()), blocks.of(id), error), csrf);
    }

    private static List<String> reportIds(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No such campaign."));
        }
    }
}
