package be.tocsin.alert.warning;

import static be.tocsin.platform.persistence.SqlValues.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
        return alerts(rows).stream().findFirst();
    }

    /** Published alerts not yet expired, newest first: what the public sees. */
    @Transactional
    public List<Alert> published() {
        List<Object[]> rows = db.createNativeQuery("SELECT " + COLUMNS + """
                 FROM alert WHERE status = 'PUBLISHED' AND (expires_at IS NULL OR expires_at > now())
                ORDER BY published_at DESC, id LIMIT 200""").getResultList();
        return alerts(rows);
    }

    /** Every alert, newest change first: what staff see. */
    @Transactional
    public List<Alert> all(int limit) {
        List<Object[]> rows = db.createNativeQuery("SELECT " + COLUMNS + " FROM alert ORDER BY updated_at DESC, id LIMIT ?1")
                .setParameter(1, limit).getResultList();
        return alerts(rows);
    }

    /** When anything public last changed (publish, update, withdrawal, expiry), for ETag and Last-Modified. */
    @Transactional
    public Instant lastPublicChange() {
        Object latest = db.createNativeQuery("""
                SELECT max(greatest(published_at, withdrawn_at, CASE WHEN expires_at <= now() THEN expires_at END))
                FROM alert WHERE published_at IS NOT NULL""").getSingleResult();
        return latest == null ? Instant.EPOCH : instant(latest);
    }

    /**
     * Alerts from their rows, with texts and campaign indicators read for all of them at once (one
     * query each, not two per alert: the public lists and feeds are polled).
     */
    private List<Alert> alerts(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(r -> (UUID) r[0]).toArray(UUID[]::new);
        UUID[] campaigns = rows.stream().map(r -> (UUID) r[1]).filter(java.util.Objects::nonNull).distinct()
                .toArray(UUID[]::new);
        Map<UUID, Map<String, Alert.Text>> texts = texts(ids);
        Map<UUID, List<Alert.Indicator>> indicators = indicators(campaigns);
        List<Alert> alerts = new ArrayList<>();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            UUID campaignId = (UUID) r[1];
            String status = (String) r[3];
            UUID replaces = (UUID) r[4];
            String msgType = Alert.WITHDRAWN.equals(status) ? "Cancel" : replaces != null ? "Update" : "Alert";
            alerts.add(new Alert(id, campaignId, (String) r[2], status, msgType, replaces, (String) r[5], instant(r[6]),
                    (String) r[7], instant(r[8]), instant(r[9]), instant(r[10]), instant(r[11]),
                    texts.getOrDefault(id, Map.of()), campaignId == null ? List.of() : indicators.getOrDefault(campaignId, List.of())));
        }
        return alerts;
    }

    /** Each alert's texts, in the order fr, nl, de, en. */
    private Map<UUID, Map<String, Alert.Text>> texts(UUID[] ids) {
        List<Object[]> rows = db.createNativeQuery("""
                SELECT alert_id, language, headline, description, instruction FROM alert_text
                WHERE alert_id = ANY(?1) ORDER BY alert_id, array_position(ARRAY['fr', 'nl', 'de', 'en'], language)""")
                .setParameter(1, ids).getResultList();
        Map<UUID, Map<String, Alert.Text>> texts = new HashMap<>();
        for (Object[] r : rows) {
            texts.computeIfAbsent((UUID) r[0], id -> new LinkedHashMap<>())
                    .put((String) r[1], new Alert.Text((String) r[2], (String) r[3], (String) r[4]));
        }
        return texts;
    }

    /** The numbers, ranges and domains shown on each campaign's alerts: ranges first, then the most reported. */
    private Map<UUID, List<Alert.Indicator>> indicators(UUID[] campaigns) {
        Map<UUID, List<Alert.Indicator>> indicators = new HashMap<>();
        if (campaigns.length == 0) {
            return indicators;
        }
        List<Object[]> rows = db.createNativeQuery("""
                SELECT campaign_id, type, value FROM (
                    SELECT campaign_id, type, value, row_number() OVER (PARTITION BY campaign_id ORDER BY
                        CASE type WHEN 'NUMBER_RANGE' THEN 0 WHEN 'CALLBACK_NUMBER' THEN 1 WHEN 'URL_DOMAIN' THEN 2 ELSE 3 END,
                        report_count DESC, value) AS rank
                    FROM campaign_indicator
                    WHERE campaign_id = ANY(?1) AND type IN ('NUMBER_RANGE', 'CALLBACK_NUMBER', 'NUMBER', 'URL_DOMAIN')) ranked
                WHERE rank <= ?2 ORDER BY campaign_id, rank""")
                .setParameter(1, campaigns).setParameter(2, INDICATORS_SHOWN).getResultList();
        for (Object[] r : rows) {
            indicators.computeIfAbsent((UUID) r[0], id -> new ArrayList<>()).add(new Alert.Indicator((String) r[1], (String) r[2]));
        }
        return indicators;
    }
}
