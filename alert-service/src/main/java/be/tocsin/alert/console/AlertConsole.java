package be.tocsin.alert.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;

import be.tocsin.alert.warning.Alert;
import be.tocsin.alert.warning.AlertActions;
import be.tocsin.alert.warning.AlertStore;
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
 * Alerts in the console: compose in four languages with a preview, save as a draft (analyst), and
 * publish or withdraw (publisher; the server refuses the author's own draft: four eyes).
 */
@Path("/console/alerts")
@RolesAllowed("analyst")
@Produces(MediaType.TEXT_HTML)
public class AlertConsole {

    /** What the compose form holds, kept across a preview. */
    public record Compose(String campaignId, String replaces, String severity, Map<String, Alert.Text> texts) {

        static Compose from(MultivaluedMap<String, String> form) {
            Map<String, Alert.Text> texts = new LinkedHashMap<>();
            for (String language : Alert.LANGUAGES) {
                texts.put(language, new Alert.Text(form.getFirst(language + ".headline"),
                        form.getFirst(language + ".description"), form.getFirst(language + ".instruction")));
            }
            return new Compose(blankToNull(form.getFirst("campaignId")), blankToNull(form.getFirst("replaces")),
                    form.getFirst("severity"), texts);
        }

        AlertActions.Draft draft() {
            return new AlertActions.Draft(campaignId, severity, texts, null, replaces);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alerts(ConsoleUser user, String csrf, List<Alert> alerts, Problem error);

        static native TemplateInstance compose(ConsoleUser user, String csrf, Compose form, boolean preview,
                List<String> languages, List<String> severities, Problem error);
    }

    private final AlertStore store;
    private final AlertActions actions;
    private final ConsoleUser user;

    public AlertConsole(AlertStore store, AlertActions actions, ConsoleUser user) {
        this.store = store;
        this.actions = actions;
        this.user = user;
    }

    @GET
    @Operation(hidden = true)
    public Response alerts(@CookieParam(CsrfTokens.COOKIE) String cookie) {
        return list(cookie, null, Response.Status.OK);
    }

    @GET
    @Path("new")
    @Operation(hidden = true)
    public Response compose(@QueryParam("campaign") String campaign, @QueryParam("replaces") String replaces,
            @CookieParam(CsrfTokens.COOKIE) String cookie) {
        Map<String, Alert.Text> empty = new LinkedHashMap<>();
        Alert.LANGUAGES.forEach(language -> empty.put(language, new Alert.Text("", "", "")));
        return form(cookie, new Compose(campaign, replaces, "Severe", empty), false, null, Response.Status.OK);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response save(@CookieParam(CsrfTokens.COOKIE) String cookie, MultivaluedMap<String, String> form) {
        user.verify(cookie, form);
        Compose compose = Compose.from(form);
        if ("preview".equals(form.getFirst("step"))) {
            return form(cookie, compose, true, null, Response.Status.OK);
        }
        try {
            actions.draft(compose.draft(), user.name());
            return Response.seeOther(URI.create("/console/alerts")).build();
        } catch (ProblemException e) {
            return form(cookie, compose, false, e.problem(), Response.Status.fromStatusCode(e.problem().status()));
        }
    }

    @POST
    @Path("{id}/{action}")
    @RolesAllowed("publisher")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response decide(@PathParam("id") String id, @PathParam("action") String action,
            @CookieParam(CsrfTokens.COOKIE) String cookie, MultivaluedMap<String, String> form) {
        user.verify(cookie, form);
        try {
            UUID alert = UUID.fromString(id);
            switch (action) {
                case "publish" -> actions.publish(alert, user.name());
                case "withdraw" -> actions.withdraw(alert, user.name());
                default -> throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No such action."));
            }
            return Response.seeOther(URI.create("/console/alerts")).build();
        } catch (IllegalArgumentException e) {
            return list(cookie, Problem.of(Response.Status.NOT_FOUND, "not-found", "No such alert."), Response.Status.NOT_FOUND);
        } catch (ProblemException e) {
            return list(cookie, e.problem(), Response.Status.fromStatusCode(e.problem().status()));
        }
    }

    private Response list(String cookie, Problem error, Response.Status status) {
        String csrf = CsrfTokens.reuseOrCreate(cookie);
        return HtmlPage.of(status, Templates.alerts(user, csrf, store.all(100), error), csrf);
    }

    private Response form(String cookie, Compose compose, boolean preview, Problem error, Response.Status status) {
        String csrf = CsrfTokens.reuseOrCreate(cookie);
        return HtmlPage.of(status, Templates.compose(user, csrf, compose, preview, Alert.LANGUAGES, Alert.SEVERITIES, error),
                csrf);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
