package be.tocsin.alert.warning;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import be.tocsin.platform.web.Language;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * What the public outputs share: an alert in one language, and conditional answers. Every public
 * output carries an ETag and Last-Modified from the last public change (publish, update,
 * withdrawal, expiry), so feed readers polling with If-None-Match or If-Modified-Since get a
 * 304 without a body.
 */
@ApplicationScoped
public class PublicAlerts {

    /** One alert for the public, in one language. */
    public record Summary(UUID id, String msgType, String severity, String language, String headline,
            String description, String instruction, Instant publishedAt, Instant expiresAt, String url, String capUrl,
            UUID campaignId, List<Alert.Indicator> indicators) {
    }

    private final AlertStore store;
    private final AlertActions actions;

    public PublicAlerts(AlertStore store, AlertActions actions) {
        this.store = store;
        this.actions = actions;
    }

    public Summary summary(Alert alert, Language language) {
        Alert.Text text = alert.text(language.name());
        String url = actions.publicUrl(alert.id());
        return new Summary(alert.id(), alert.msgType(), alert.severity(), language.name(), text.headline(),
                text.description(), text.instruction(), alert.publishedAt(), alert.expiresAt(),
                url + "?lang=" + language.name(), url + ".cap", alert.campaignId(), alert.indicators());
    }

    /**
     * 304 when the client already has the current version ({@code variant} tells outputs apart),
     * else 200 with what {@code body} builds as {@code mediaType} (set here, so the page filters
     * see it), and the validators to send next time.
     */
    public Response conditional(Request request, Language language, String variant, String mediaType, Supplier<Object> body) {
        Instant changed = store.lastPublicChange();
        EntityTag tag = new EntityTag(variant + "-" + language.name() + "-" + changed.toEpochMilli(), true);
        Date lastModified = Date.from(changed.plusMillis(999).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(lastModified, tag);
        Response.ResponseBuilder answer = unchanged != null ? unchanged : Response.ok(body.get(), mediaType);
        return answer.tag(tag).lastModified(lastModified).cacheControl(cache).header("Vary", "Accept-Language").build();
    }
}
