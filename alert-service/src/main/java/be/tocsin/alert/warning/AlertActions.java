package be.tocsin.alert.warning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

/**
 * Drafting, publishing and withdrawing alerts. Publishing needs a second person (four eyes): the
 * author of a draft can never publish it. Publishing and withdrawing announce themselves as
 * {@code alert.published} (msgType Alert, Update or Cancel) through the outbox.
 */
@ApplicationScoped
public class AlertActions {

    private static final int MAX_HEADLINE = 160;
    private static final int MAX_TEXT = 4_000;

    /** A draft as staff send it ({@code replaces}: the published alert it updates). */
    public record Draft(String campaignId, String severity, Map<String, Alert.Text> texts, Instant expiresAt,
            String replaces) {
    }

    private final EntityManager db;
    private final AlertStore store;
    private final Outbox outbox;
    private final String publicUrl;

    public AlertActions(EntityManager db, AlertStore store, Outbox outbox,
            @ConfigProperty(name = "tocsin.alerts.public-url") String publicUrl) {
        this.db = db;
        this.store = store;
        this.outbox = outbox;
        this.publicUrl = publicUrl;
    }

    @Transactional
    public UUID draft(Draft draft, String author) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (draft == null) {
            throw ProblemException.invalid("texts", "an alert needs a severity and texts in fr, nl, de and en");
        }
        if (draft.severity() == null || !Alert.SEVERITIES.contains(draft.severity())) {
            errors.add(new Problem.FieldError("severity", "must be one of " + Alert.SEVERITIES));
        }
        for (String language : Alert.LANGUAGES) {
            Alert.Text text = draft.texts() == null ? null : draft.texts().get(language);
            check(errors, "texts." + language + ".headline", text == null ? null : text.headline(), MAX_HEADLINE);
            check(errors, "texts." + language + ".description", text == null ? null : text.description(), MAX_TEXT);
            check(errors, "texts." + language + ".instruction", text == null ? null : text.instruction(), MAX_TEXT);
        }
        if (draft.texts() != null && !Alert.LANGUAGES.containsAll(draft.texts().keySet())) {
            errors.add(new Problem.FieldError("texts", "takes only the languages " + Alert.LANGUAGES));
        }
        if (draft.expiresAt() != null && !draft.expiresAt().isAfter(Instant.now())) {
            errors.add(new Problem.FieldError("expiresAt", "is in the past"));
        }
        UUID campaign = reference(errors, "campaignId", draft.campaignId(), "SELECT count(*) FROM campaign WHERE id = ?1");
        UUID replaces = reference(errors, "replaces", draft.replaces(),
                "SELECT count(*) FROM alert WHERE id = ?1 AND status = 'PUBLISHED'");
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        UUID id = UUID.randomUUID();
        db.createNativeQuery("""
                INSERT INTO alert (id, campaign_id, severity, replaces, created_by, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, id).setParameter(2, campaign).setParameter(3, draft.severity()).setParameter(4, replaces)
                .setParameter(5, author).setParameter(6, draft.expiresAt()).executeUpdate();
        draft.texts().forEach((language, text) -> db.createNativeQuery("""
                INSERT INTO alert_text (alert_id, language, headline, description, instruction) VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, id).setParameter(2, language).setParameter(3, text.headline().strip())
                .setParameter(4, text.description().strip()).setParameter(5, text.instruction().strip()).executeUpdate());
        return id;
    }

    /** Publishes a draft; {@code publisher} must not be its author. An update supersedes what it replaces. */
    @Transactional
    public Alert publish(UUID id, String publisher) {
        Alert alert = locked(id);
        if (!Alert.DRAFT.equals(alert.status())) {
            throw conflict("This alert is " + alert.status() + "; only a draft can be published.");
        }
        if (alert.createdBy().equals(publisher)) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN, "four-eyes",
                    "An alert is published by someone else than its author."));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        db.createNativeQuery("""
                UPDATE alert SET status = 'PUBLISHED', published_by = ?2, published_at = ?3, updated_at = ?3 WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, publisher).setParameter(3, now).executeUpdate();
        if (alert.replaces() != null) {
            db.createNativeQuery("UPDATE alert SET status = 'SUPERSEDED', updated_at = ?2 WHERE id = ?1 AND status = 'PUBLISHED'")
                    .setParameter(1, alert.replaces()).setParameter(2, now).executeUpdate();
        }
        Alert published = store.find(id).orElseThrow();
        announce(published, now);
        return published;
    }

    /** Withdraws a published alert: it leaves the public lists and its CAP document becomes a Cancel. */
    @Transactional
    public Alert withdraw(UUID id, String publisher) {
        Alert alert = locked(id);
        if (!Alert.PUBLISHED.equals(alert.status())) {
            throw conflict("This alert is " + alert.status() + "; only a published alert can be withdrawn.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        db.createNativeQuery("""
                UPDATE alert SET status = 'WITHDRAWN', withdrawn_by = ?2, withdrawn_at = ?3, updated_at = ?3 WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, publisher).setParameter(3, now).executeUpdate();
        Alert withdrawn = store.find(id).orElseThrow();
        announce(withdrawn, now);
        return withdrawn;
    }

    public String publicUrl(UUID id) {
        return publicUrl + "/alerts/" + id;
    }

    private void announce(Alert alert, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertId", alert.id());
        data.put("campaignId", alert.campaignId());
        data.put("url", publicUrl(alert.id()));
        data.put("severity", alert.severity());
        data.put("publishedAt", at);
        data.put("msgType", alert.msgType());
        outbox.publish(EventTypes.ALERT_PUBLISHED, data);
    }

    private Alert locked(UUID id) {
        if (db.createNativeQuery("SELECT id FROM alert WHERE id = ?1 FOR UPDATE").setParameter(1, id).getResultList().isEmpty()) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No such alert."));
        }
        return store.find(id).orElseThrow();
    }

    private UUID reference(List<Problem.FieldError> errors, String field, String value, String existsSql) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            UUID id = UUID.fromString(value);
            if (((Number) db.createNativeQuery(existsSql).setParameter(1, id).getSingleResult()).longValue() == 1) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        errors.add(new Problem.FieldError(field, "names nothing that can be referred to here"));
        return null;
    }

    private static void check(List<Problem.FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new Problem.FieldError(field, "is longer than " + max + " characters"));
        }
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Conflict", "invalid-transition", detail));
    }
}
