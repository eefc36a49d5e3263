package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import be.tocsin.alert.GroupedReports;
import be.tocsin.platform.persistence.Ids;
import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A consumer batch reads its reports' link keys once ({@link Grouping#prepare}) and writes what they
 * claim at {@link Grouping#flush()}. What it read may be stale by then; the batch must notice, keep
 * nothing, and group its reports right when tried again.
 */
@QuarkusTest
class BatchedGroupingTest {

    @Inject
    Grouping grouping;

    @Inject
    GroupedReports grouped;

    @Test
    void aKeyClaimedElsewhereAfterTheBatchReadItFailsTheBatchAndTheRetryJoinsThatCampaign() {
        String callback = ReportEvents.randomPremiumNumber();
        ReportReceived late = smsAskingToCall(callback);
        ReportReceived first = smsAskingToCall(callback);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            grouping.prepare(List.of(late));
            // Another consumer groups a report of the same callback and commits in between.
            QuarkusTransaction.requiringNew().run(() -> {
                grouping.group(first);
                grouping.flush();
            });
            grouping.group(late);
            grouping.flush();
        })).hasStackTraceContaining("CALLBACK_NUMBER:" + callback + " changed concurrently");

        UUID campaign = grouped.campaignOf(first.reportId());
        assertThat(grouped.campaignOf(late.reportId())).as("nothing of the failed batch was kept").isNull();
        assertThat(grouped.campaignOfKey("CALLBACK_NUMBER:" + callback)).isEqualTo(campaign);

        UUID retried = QuarkusTransaction.requiringNew().call(() -> {
            grouping.prepare(List.of(late));
            UUID target = grouping.group(late);
            grouping.flush();
            return target;
        });
        assertThat(retried).isEqualTo(campaign);
        assertThat(grouped.campaignOf(late.reportId())).isEqualTo(campaign);
    }

    @Test
    void reportsOfOneBatchSeeTheKeysEarlierOnesClaimedAndARepeatedReportIsGroupedOnce() {
        String callback = ReportEvents.randomPremiumNumber();
        ReportReceived one = smsAskingToCall(callback);
        ReportReceived two = smsAskingToCall(callback);

        List<UUID> campaigns = QuarkusTransaction.requiringNew().call(() -> {
            grouping.prepare(List.of(one, two, one));
            List<UUID> targets = List.of(grouping.group(one), grouping.group(two), grouping.group(one));
            grouping.flush();
            return targets;
        });

        assertThat(campaigns).as("one campaign, opened by the first report").containsOnly(campaigns.get(0));
        assertThat(grouped.campaignOf(one.reportId())).isEqualTo(campaigns.get(0));
        assertThat(grouped.campaignOf(two.reportId())).isEqualTo(campaigns.get(0));
        assertThat(((Number) grouped.single("SELECT report_count FROM campaign WHERE id = ?1", campaigns.get(0))).intValue())
                .as("the repeated report counted once").isEqualTo(2);
    }

    @Test
    void callsOfOneBlockInOneBatchMakeItARangeAndJoinTheCampaignAnEarlierNumberOfTheBlockOpened() {
        String block = "+3906" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        ReportReceived earlier = callFrom(block + "01");
        UUID earlierCampaign = groupAsOneBatch(List.of(earlier)).get(0);

        // Two more numbers of the block, and one of them twice: the block turns hot (3 numbers) in
        // this batch, whose statements counted it before its first report was grouped.
        ReportReceived second = callFrom(block + "02");
        ReportReceived third = callFrom(block + "03");
        ReportReceived thirdAgain = callFrom(block + "03");
        List<UUID> campaigns = groupAsOneBatch(List.of(second, third, thirdAgain));

        UUID campaign = grouped.campaignOf(earlier.reportId());
        assertThat(campaigns).as("each report of the batch ends in one campaign").containsOnly(campaign);
        assertThat(List.of(second, third, thirdAgain)).allSatisfy(
                report -> assertThat(grouped.campaignOf(report.reportId())).isEqualTo(campaign));
        assertThat(List.of(earlierCampaign, campaigns.get(0))).as("the earlier number's campaign was joined")
                .contains(campaign);
        assertThat(grouped.indicators(campaign)).contains("NUMBER_RANGE " + block);
        assertThat(((Number) grouped.single("SELECT count(*) FROM number_block WHERE block = ?1", block)).intValue())
                .as("each number of the block recorded once").isEqualTo(3);

        // A later batch of the now-hot block reads the range's campaign from the table.
        ReportReceived fourth = callFrom(block + "04");
        assertThat(groupAsOneBatch(List.of(fourth))).containsOnly(campaign);
    }

    private List<UUID> groupAsOneBatch(List<ReportReceived> batch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            grouping.prepare(batch);
            List<UUID> targets = batch.stream().map(grouping::group).toList();
            grouping.flush();
            return targets;
        });
    }

    private static ReportReceived callFrom(String e164) {
        ReportReceived.Party sender = new ReportReceived.Party("PHONE", e164, e164, "IT", "FIXED_LINE", false);
        Instant now = Instant.now();
        return new ReportReceived(Ids.next(), "CALL", sender, false, null, null, List.of(), now, now, "FR");
    }

    private static ReportReceived smsAskingToCall(String callback) {
        String mobile = "+32470" + (100_000 + ThreadLocalRandom.current().nextInt(899_999));
        ReportReceived.Party sender = new ReportReceived.Party("PHONE", mobile, mobile, "BE", "MOBILE", false);
        ReportReceived.Party premium = new ReportReceived.Party("PHONE", callback, callback, "BE", "PREMIUM_RATE", true);
        Instant now = Instant.now();
        // No text: tests must not join each other's campaigns through a shared template.
        return new ReportReceived(Ids.next(), "SMS", sender, false, premium, null, List.of(), now, now, "FR");
    }
}
