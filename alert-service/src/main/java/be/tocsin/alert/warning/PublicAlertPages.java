package be.tocsin.alert.warning;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.tocsin.platform.web.Language;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * The public warnings, no login: HTML pages (language from Accept-Language, with a switch), an
 * Atom feed per language and a CAP 1.2 document per alert.
 */
@Path("/alerts")
@Tag(name = "Public warnings", description = "Published alerts for everyone: web pages, Atom feeds and CAP 1.2 messages")
public class PublicAlertPages {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(AlertPage page, List<PublicAlerts.Summary> alerts);

        static native TemplateInstance detail(AlertPage page, PublicAlerts.Summary alert, boolean withdrawn);
    }

    private final AlertStore store;
    private final PublicAlerts publicAlerts;
    private final String baseUrl;
    private final String capSender;

    public PublicAlertPages(AlertStore store, PublicAlerts publicAlerts,
            @ConfigProperty(name = "tocsin.alerts.public-url") String baseUrl,
            @ConfigProperty(name = "tocsin.alerts.cap-sender") String capSender) {
        this.store = store;
        this.publicAlerts = publicAlerts;
        this.baseUrl = baseUrl;
        this.capSender = capSender;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The current warnings as a web page")
    public Response list(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage,
            @Context Request request) {
        Language language = Language.choose(lang, acceptLanguage);
        return publicAlerts.conditional(request, language, "html", HTML, () -> Templates.list(
                AlertPage.of(language, "/alerts"),
                store.published().stream().map(alert -> publicAlerts.summary(alert, language)).toList()));
    }

    @GET
    @Path("feed.atom")
    @Produces(AtomFeed.MEDIA_TYPE)
    @Operation(summary = "The current warnings as an Atom 1.0 feed in one language")
    public Response feed(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage,
            @Context Request request) {
        Language language = Language.choose(lang, acceptLanguage);
        return publicAlerts.conditional(request, language, "atom", AtomFeed.MEDIA_TYPE,
                () -> AtomFeed.of(store.published(), language.name(), baseUrl, store.lastPublicChange()));
    }

    @GET
    @Path("{id}.cap")
    @Produces(CapDocument.MEDIA_TYPE)
    @Operation(summary = "One warning as an OASIS CAP 1.2 message, every language in its own <info>")
    public Response cap(@PathParam("id") String id, @Context Request request) {
        Alert alert = visible(id);
        Alert replaced = alert.replaces() == null ? null : store.find(alert.replaces()).orElse(null);
        return publicAlerts.conditional(request, Language.en, "cap-" + alert.id(), CapDocument.MEDIA_TYPE,
                () -> CapDocument.of(alert, replaced, capSender, baseUrl + "/alerts/" + alert.id()));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One warning as a web page")
    public Response detail(@PathParam("id") String id, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @Context Request request) {
        Language language = Language.choose(lang, acceptLanguage);
        Alert alert = visible(id);
        return publicAlerts.conditional(request, language, "html-" + alert.id(), HTML,
                () -> Templates.detail(AlertPage.of(language, "/alerts/" + alert.id()), publicAlerts.summary(alert, language),
                        Alert.WITHDRAWN.equals(alert.status())));
    }

    /** Published, superseded or withdrawn alerts are public; drafts do not exist for the public. */
    private Alert visible(String id) {
        return store.find(AlertResource.uuid(id)).filter(alert -> alert.publishedAt() != null)
                .orElseThrow(AlertResource::notFound);
    }
}
