package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.alert.GroupedReports;
import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A number quoted in the texts of many unrelated campaigns (a helpline, say) merges a few, then is
 * demoted and links nobody: correlation stays bounded.
 */
@QuarkusTest
class DemotionTest {

    @Inject
    GroupedReports grouped;

    @Test
    void aKeyThatKeepsMergingCampaignsIsDemoted() throws Exception {
        String hub = ReportEvents.randomPremiumNumber();
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            own.add(ReportEvents.randomPremiumNumber());
            grouped.awaitCampaignOf(ReportEvents.smsAskingToCall(own.get(i)));
        }
        List<UUID> quoting = new ArrayList<>();
        for (String callback : own) {
            UUID report = ReportEvents.smsAskingToCall(callback, "Bel ook de hulplijn " + hub + " niet");
            grouped.awaitCampaignOf(report);
            quoting.add(report);
        }
        String hubKey = "CALLBACK_NUMBER:" + hub;
        assertThat(grouped.single("SELECT demoted FROM link_key WHERE key = ?1", hubKey)).isEqualTo(true);
        assertThat(grouped.single("SELECT merges FROM link_key WHERE key = ?1", hubKey)).isEqualTo(5);
        UUID merged = grouped.campaignOf(quoting.get(0));
        assertThat(grouped.campaignOf(quoting.get(4))).isEqualTo(merged);
        assertThat(grouped.campaignOf(quoting.get(6))).isNotEqualTo(merged);
        assertThat(grouped.campaignOf(quoting.get(7))).isNotEqualTo(merged)
                .isNotEqualTo(grouped.campaignOf(quoting.get(6)));
    }
}
