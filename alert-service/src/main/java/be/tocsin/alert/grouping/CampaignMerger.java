package be.tocsin.alert.grouping;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Folds campaigns into one: the others become MERGED with {@code mergedInto}, their link keys,
 * indicator counts and reports move to the survivor, and each moved report is announced again
 * (report.linked) so its reporter follows it. Used by grouping and by staff's merge.
 */
@ApplicationScoped
public class CampaignMerger {

    private final EntityManager db;
    private final Outbox outbox;

    public CampaignMerger(EntityManager db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** Merges {@code others} into {@code target}; the caller holds the campaigns' row locks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merge(UUID target, List<UUID> others) {
        db.createNativeQuery("UPDATE campaign SET status = 'MERGED', merged_into = ?1, updated_at = now() WHERE id IN (?2)")
                .setParameter(1, target).setParameter(2, others).executeUpdate();
        db.createNativeQuery("UPDATE link_key SET campaign_id = ?1 WHERE campaign_id IN (?2)")
                .setParameter(1, target).setParameter(2, others).executeUpdate();
        db.createNativeQuery("""
                INSERT INTO campaign_indicator (campaign_id, type, value, report_count)
                SELECT ?1, type, value, sum(report_count) FROM campaign_indicator WHERE campaign_id IN (?2) GROUP BY type, value
                ON CONFLICT (campaign_id, type, value)
                DO UPDATE SET report_count = campaign_indicator.report_count + EXCLUDED.report_count""")
                .setParameter(1, target).setParameter(2, others).executeUpdate();
        db.createNativeQuery("DELETE FROM campaign_indicator WHERE campaign_id IN (?1)").setParameter(1, others).executeUpdate();
        db.createNativeQuery("""
                UPDATE campaign t SET report_count = t.report_count + o.reports,
                       first_seen = LEAST(t.first_seen, o.first_seen), last_seen = GREATEST(t.last_seen, o.last_seen)
                FROM (SELECT sum(report_count) AS reports, min(first_seen) AS first_seen, max(last_seen) AS last_seen
                      FROM campaign WHERE id IN (?2)) o
                WHERE t.id = ?1""").setParameter(1, target).setParameter(2, others).executeUpdate();
        List<?> moved = db.createNativeQuery(
                "UPDATE campaign_report SET campaign_id = ?1 WHERE campaign_id IN (?2) RETURNING report_id")
                .setParameter(1, target).setParameter(2, others).getResultList();
        // Reporters follow their report to the surviving campaign.
        outbox.publishAll(EventTypes.REPORT_LINKED,
                moved.stream().map(reportId -> Map.of("reportId", reportId, "campaignId", target)).toList());
    }

}
