package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import be.tocsin.alert.GroupedReports;
import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Rotating numbers: two numbers of a block stay apart, the third makes it a range, two hot blocks
 * widen it, and a later hot block of the wide range joins its campaign.
 */
@QuarkusTest
class NumberRangeTest {

    @Inject
    GroupedReports grouped;

    @Test
    void hotBlocksBecomeRangesAndNeighbouringHotBlocksWiden() throws Exception {
        String thousand = "+3906" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
        String blockA = thousand + "1";
        String blockB = thousand + "7";

        UUID a1 = call(blockA + "01");
        UUID a2 = call(blockA + "02");
        assertThat(grouped.campaignOf(a1)).as("one stray neighbour is not a campaign").isNotEqualTo(grouped.campaignOf(a2));
        UUID a3 = call(blockA + "03");
        assertThat(new HashSet<>(List.of(grouped.campaignOf(a1), grouped.campaignOf(a2), grouped.campaignOf(a3))))
                .hasSize(1);
        assertThat(grouped.indicators(grouped.campaignOf(a3)))
                .contains("NUMBER_RANGE " + blockA).doesNotContain("NUMBER_RANGE " + thousand);

        List<UUID> b = new ArrayList<>();
        for (String last : List.of("11", "12", "13")) {
            b.add(call(blockB + last));
        }
        UUID campaign = grouped.campaignOf(a1);
        b.forEach(report -> assertThat(grouped.campaignOf(report)).isEqualTo(campaign));
        assertThat(grouped.indicators(campaign)).contains("NUMBER_RANGE " + blockA, "NUMBER_RANGE " + blockB,
                "NUMBER_RANGE " + thousand);

        // A third block of the widened range: its numbers join through the wide range, and when it
        // turns hot its own range is kept with the campaign too.
        String blockC = thousand + "4";
        for (String last : List.of("21", "22", "23")) {
            assertThat(grouped.campaignOf(call(blockC + last))).isEqualTo(campaign);
        }
        assertThat(grouped.indicators(campaign)).contains("NUMBER_RANGE " + blockC);
    }

    private UUID call(String e164) throws Exception {
        UUID report = ReportEvents.callFrom(e164);
        grouped.awaitCampaignOf(report);
        return report;
    }

    @Test
    void smsSendersSharingAMobileBlockDoNotJoinTheirCampaigns() throws Exception {
        // Hijacked phones are random mobiles: three of them in one block say nothing about the scam.
        String block = "+3247" + (10_000_00 + ThreadLocalRandom.current().nextInt(8_999_99));
        List<UUID> reports = new ArrayList<>();
        for (String suffix : List.of("11", "22", "33", "44")) {
            reports.add(ReportEvents.smsFromAskingToCall(block + suffix, ReportEvents.randomPremiumNumber()));
        }
        java.util.Set<UUID> campaigns = new HashSet<>();
        for (UUID report : reports) {
            campaigns.add(grouped.awaitCampaignOf(report));
        }
        assertThat(campaigns).as("campaigns of four SMS with four callbacks from one mobile block").hasSize(4);
    }
}
