package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.alert.ReportEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A number quoted in the texts of many unrelated campaigns (a helpline, say) merges a few, then is
 * demoted and links nobody: correlation stays bounded.
 */
@QuarkusTest
class DemotionTest {

    @Inject
    EntityManager db;

    @Test
    void aKeyThatKeepsMergingCampaignsIsDemoted() throws Exception {
        String hub = ReportEvents.randomPremiumNumber();
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            own.add(ReportEvents.randomPremiumNumber());
            UUID first = ReportEvents.smsAskingToCall(own.get(i));
            awaitGrouped(first);
        }
        List<UUID> quoting = new ArrayList<>();
        for (String callback : own) {
            UUID report = ReportEvents.smsAskingToCall(callback, "Bel ook de hulplijn " + hub + " niet");
            awaitGrouped(report);
            quoting.add(report);
        }
        assertThat(single("SELECT demoted FROM link_key WHERE key = ?1", "CALLBACK_NUMBER:" + hub)).isEqualTo(true);
        assertThat(single("SELECT merges FROM link_key WHERE key = ?1", "CALLBACK_NUMBER:" + hub)).isEqualTo(5);
        Object merged = campaignOf(quoting.get(0));
        assertThat(campaignOf(quoting.get(4))).isEqualTo(merged);
        assertThat(campaignOf(quoting.get(6))).isNotEqualTo(merged);
        assertThat(campaignOf(quoting.get(7))).isNotEqualTo(merged).isNotEqualTo(campaignOf(quoting.get(6)));
    }

    private void awaitGrouped(UUID report) {
        await().atMost(Duration.ofSeconds(20)).until(() -> campaignOf(report) != null);
    }

    private Object campaignOf(UUID report) {
        return single("SELECT campaign_id FROM campaign_report WHERE report_id = ?1", report);
    }

    private Object single(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = db.createNativeQuery(sql).setParameter(1, parameter).getResultList();
            return rows.isEmpty() ? null : rows.get(0);
        });
    }
}
