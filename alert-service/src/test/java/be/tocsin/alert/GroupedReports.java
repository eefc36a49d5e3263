package be.tocsin.alert;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** What grouping did with reports, read straight from alert-service's tables, for the tests. */
@ApplicationScoped
public class GroupedReports {

    private final EntityManager db;

    public GroupedReports(EntityManager db) {
        this.db = db;
    }

    /** The campaign a report is in, or null while it is not grouped yet. */
    public UUID campaignOf(UUID report) {
        return (UUID) single("SELECT campaign_id FROM campaign_report WHERE report_id = ?1", report);
    }

    /** Waits until the report is grouped and returns its campaign. */
    public UUID awaitCampaignOf(UUID report) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> campaignOf(report), java.util.Objects::nonNull);
    }

    /** The campaign a link key points to, or null. */
    public UUID campaignOfKey(String key) {
        return (UUID) single("SELECT campaign_id FROM link_key WHERE key = ?1", key);
    }

    /** The "TYPE value" indicators shown for a campaign. */
    public List<String> indicators(UUID campaign) {
        return QuarkusTransaction.requiringNew().call(() -> db.createNativeQuery(
                "SELECT type || ' ' || value FROM campaign_indicator WHERE campaign_id = ?1")
                .setParameter(1, campaign).getResultList().stream().map(Object::toString).toList());
    }

    /** The first column of the first row of a one-parameter query, or null. */
    public Object single(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = db.createNativeQuery(sql).setParameter(1, parameter).getResultList();
            return rows.isEmpty() ? null : rows.get(0);
        });
    }
}
