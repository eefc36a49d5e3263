package be.tocsin.alert.warning;

import static be.tocsin.platform.persistence.SqlValues.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Alerts in the database, with their texts and the indicators of their campaign. */
@ApplicationScoped
public class AlertStore {

    private static final String COLUMNS = """
            id, campaign_id, severity, status, replaces, created_by, created_at, published_by, published_at,
            withdrawn_at, expires_at, updated_at""";
    private static final int INDICATORS_SHOWN = 20;

    private final EntityManager db;

    public AlertStore(EntityManager db) {
        this.db = db;
    }

    @Transactional
    public Optional<Alert> find(UUID id) {
        List<Object[]> rows = db.createNativeQuery("SELECT " + COLUMNS + " FROM alert WHERE id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(this::alert);
    }

    /** Published alerts not yet expired, newest first: what the public sees. */
    @Transactional
    public List<Alert> published() {
        List<Object[]> rows = db.createNativeQuery("SELECT " + COLUMNS + """
                 FROM alert WHERE status = 'PUBLISHED' AND (expires_at IS NULL OR expires_at > now())
                ORDER BY published_at DESC, id LIMIT 200""").getResultList();
        return rows.stream().map(this::alert).toList();
    }

    /** Every alert, newest change first: what staff see. */
    @Transactional
    public List<Alert> all(int limit) {
        List<Object[]> rows = db.createNativeQuery("SELECT " + COLUMNS + " FROM alert ORDER BY updated_at DESC, id LIMIT ?1")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(this::alert).toList();
    }

    /** When anything public last changed (publish, update, withdrawal, expiry), for ETag and Last-Modified. */
    @Transactional
    public Instant lastPublicChange() {
        Object latest = db.createNativeQuery("""
                SELECT max(greatest(published_at, withdrawn_at, CASE WHEN expires_at <= now() THEN expires_at END))
                FROM alert WHERE published_at IS NOT NULL""").getSingleResult();
        return latest == null ? Instant.EPOCH : instant(latest);
    }

    private Alert alert(Object[] r) {
        UUID id = (UUID) r[0];
        UUID campaignId = (UUID) r[1];
        String status = (String) r[3];
        UUID replaces = (UUID) r[4];
        String msgType = Alert.WITHDRAWN.equals(status) ? "Cancel" : replaces != null ? "Update" : "Alert";
        return new Alert(id, campaignId, (String) r[2], status, msgType, replaces, (String) r[5], instant(r[6]),
                (String) r[7], instant(r[8]), instant(r[9]), instant(r[10]), instant(r[11]), texts(id),
                campaignId == null ? List.of() : indicators(campaignId));
    }

    private Map<String, Alert.Text> texts(UUID id) {
        List<Object[]> rows = db.createNativeQuery(
                "SELECT language, headline, description, instruction FROM alert_text WHERE alert_id = ?1")
                .setParameter(1, id).getResultList();
        Map<String, Alert.Text> texts = new LinkedHashMap<>();
        for (String language : Alert.LANGUAGES) {
            rows.stream().filter(r -> language.equals(r[0])).findFirst()
                    .ifPresent(r -> texts.put(language, new Alert.Text((String) r[1], (String) r[2], (String) r[3])));
        }
        return texts;
    }

    private List<Alert.Indicator> indicators(UUID campaignId) {
        List<Object[]> rows = db.createNativeQuery("""
                SELECT type, value FROM campaign_indicator
                WHERE campaign_id = ?1 AND type IN ('NUMBER_RANGE', 'CALLBACK_NUMBER', 'NUMBER', 'URL_DOMAIN')
                ORDER BY CASE type WHEN 'NUMBER_RANGE' THEN 0 WHEN 'CALLBACK_NUMBER' THEN 1 WHEN 'URL_DOMAIN' THEN 2 ELSE 3 END,
                         report_count DESC, value
                LIMIT ?2""").setParameter(1, campaignId).setParameter(2, INDICATORS_SHOWN).getResultList();
        List<Alert.Indicator> indicators = new ArrayList<>();
        rows.forEach(r -> indicators.add(new Alert.Indicator((String) r[0], (String) r[1])));
        return indicators;
    }
}
