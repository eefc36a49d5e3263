package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.alert.GroupedReports;
import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * An SMS sender number (hijacked phones, random mobiles) attaches a report to its campaign but never
 * merges two campaigns: chance repeats would otherwise chain unrelated campaigns into one.
 */
@QuarkusTest
class SmsSenderTest {

    @Inject
    GroupedReports grouped;

    @Test
    void aSenderSeenInAnotherCampaignDoesNotMergeIt() throws Exception {
        String sender = "+32470" + (100_000 + (int) (Math.random() * 899_999));
        String firstCallback = ReportEvents.randomPremiumNumber();
        String secondCallback = ReportEvents.randomPremiumNumber();
        UUID first = grouped.awaitCampaignOf(ReportEvents.smsFromAskingToCall(sender, firstCallback));
        UUID second = grouped.awaitCampaignOf(ReportEvents.smsAskingToCall(secondCallback));

        UUID bridging = ReportEvents.smsFromAskingToCall(sender, secondCallback);
        assertThat(grouped.awaitCampaignOf(bridging)).as("joins the campaign of its callback").isEqualTo(second);
        assertThat(grouped.single("SELECT status FROM campaign WHERE id = ?1", first)).isEqualTo("CANDIDATE");
        assertThat(grouped.single("SELECT report_count FROM campaign WHERE id = ?1", first)).isEqualTo(1);
        assertThat(grouped.campaignOfKey("NUMBER:" + sender)).as("the sender's key stays").isEqualTo(first);

        UUID senderOnly = ReportEvents.smsFromAskingToCall(sender, ReportEvents.randomPremiumNumber());
        assertThat(grouped.awaitCampaignOf(senderOnly)).as("nothing else known: the sender attaches").isEqualTo(first);
    }
}
