package be.tocsin.alert.campaign;

import static be.tocsin.platform.persistence.SqlValues.instant;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import be.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads campaigns for staff: the queue, cursor-paged, and one campaign in full. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CampaignQueries {

    static final Set<String> STATUSES = Set.of("CANDIDATE", "CONFIRMED", "DISMISSED", "LIFTED", "MERGED");
    private static final int SAMPLE_MESSAGES = 5;
    private static final int MAX_REPORT_IDS = 1_000;

    /** Sort keys: each a numeric expression, so one keyset cursor (value, id) serves them all. */
    private static final Map<String, String> SORTS = Map.of(
            "lastSeen", "extract(epoch FROM last_seen)",
            "reports", "report_count",
            "velocity", "report_count / GREATEST(1.0, extract(epoch FROM (last_seen - first_seen)) / 3600.0)");

    private final EntityManager db;

    public CampaignQueries(EntityManager db) {
        this.db = db;
    }

    public CampaignViews.Page list(String status, String sort, String cursor, int limit) {
        String orderBy = SORTS.get(sort == null ? "lastSeen" : sort);
        if (orderBy == null) {
            throw ProblemException.invalid("sort", "must be lastSeen, reports or velocity");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of " + STATUSES);
        }
        if (limit < 1 || limit > 200) {
            throw ProblemException.invalid("limit", "must be between 1 and 200");
        }
        Optional<Object[]> after = decode(cursor);
        String sql = "SELECT id, status, merged_into, title, report_count, first_seen, last_seen, "
                + orderBy + " AS sort_key FROM campaign WHERE "
                + (status == null ? "status <> 'MERGED'" : "status = :status")
                + (after.isPresent() ? " AND (" + orderBy + ", id) < (:afterKey, :afterId)" : "")
                + " ORDER BY sort_key DESC, id DESC LIMIT :limit";
        var query = db.createNativeQuery(sql).setParameter("limit", limit + 1);
        if (status != null) {
            query.setParameter("status", status);
        }
        after.ifPresent(a -> query.setParameter("afterKey", a[0]).setParameter("afterId", a[1]));
        List<Object[]> rows = query.getResultList();
        List<CampaignViews.Summary> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
            items.add(new CampaignViews.Summary((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                    ((Number) r[4]).intValue(), instant(r[5]), instant(r[6])));
        }
        String next = rows.size() > limit ? encode(((Number) rows.get(limit - 1)[7]).doubleValue(), (UUID) rows.get(limit - 1)[0]) : null;
        return new CampaignViews.Page(items, next);
    }

    public Optional<CampaignViews.Detail> detail(UUID id) {
        Campaign campaign = Campaign.findById(id);
        if (campaign == null) {
            return Optional.empty();
        }
        List<CampaignViews.IndicatorCount> indicators = new ArrayList<>();
        for (Object[] r : rows("SELECT type, value, report_count FROM campaign_indicator WHERE campaign_id = ?1 "
                + "ORDER BY report_count DESC, type, value", id)) {
            indicators.add(new CampaignViews.IndicatorCount((String) r[0], (String) r[1], ((Number) r[2]).intValue()));
        }
        List<UUID> reportIds = db.createNativeQuery(
                "SELECT report_id FROM campaign_report WHERE campaign_id = ?1 ORDER BY received_at DESC LIMIT ?2")
                .setParameter(1, id).setParameter(2, MAX_REPORT_IDS).getResultList();
        List<String> samples = db.createNativeQuery("""
                SELECT DISTINCT ON (message) message FROM campaign_report
                WHERE campaign_id = ?1 AND message IS NOT NULL ORDER BY message LIMIT ?2""")
                .setParameter(1, id).setParameter(2, SAMPLE_MESSAGES).getResultList();
        List<CampaignViews.AuditEntry> audit = new ArrayList<>();
        for (Object[] r : rows("SELECT at, actor, action, detail FROM campaign_audit WHERE campaign_id = ?1 ORDER BY at, id", id)) {
            audit.add(new CampaignViews.AuditEntry(instant(r[0]), (String) r[1], (String) r[2], (String) r[3]));
        }
        List<CampaignViews.HourCount> perHour = new ArrayList<>();
        for (Object[] r : rows("SELECT date_trunc('hour', received_at), count(*) FROM campaign_report "
                + "WHERE campaign_id = ?1 AND received_at > now() - interval '7 days' GROUP BY 1 ORDER BY 1", id)) {
            perHour.add(new CampaignViews.HourCount(instant(r[0]), ((Number) r[1]).intValue()));
        }
        List<CampaignViews.Signal> signals = new ArrayList<>();
        for (Object[] r : rows("SELECT operator_id, observed_calls, note, received_at FROM campaign_signal "
                + "WHERE campaign_id = ?1 ORDER BY received_at DESC LIMIT 100", id)) {
            signals.add(new CampaignViews.Signal((String) r[0], r[1] == null ? null : ((Number) r[1]).intValue(),
                    (String) r[2], instant(r[3])));
        }
        return Optional.of(new CampaignViews.Detail(campaign.id, campaign.status, campaign.mergedInto, campaign.title,
                campaign.reportCount, reportIds, campaign.firstSeen, campaign.lastSeen, indicators,
                counts("channel", id), counts("region", id), samples, perHour, signals, audit));
    }

    private Map<String, Integer> counts(String column, UUID id) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Object[] r : rows("SELECT coalesce(" + column + ", 'UNKNOWN'), count(*) FROM campaign_report "
                + "WHERE campaign_id = ?1 GROUP BY 1 ORDER BY 2 DESC", id)) {
            counts.put((String) r[0], ((Number) r[1]).intValue());
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, UUID id) {
        return db.createNativeQuery(sql).setParameter(1, id).getResultList();
    }

    private static String encode(double key, UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((key + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Object[]> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return Optional.of(new Object[] { Double.parseDouble(parts[0]), UUID.fromString(parts[1]) });
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
        }
    }
}
