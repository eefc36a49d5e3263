package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import be.tocsin.alert.ReportEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Rotating numbers: two numbers of a block stay apart, the third makes it a range, two hot blocks widen it. */
@QuarkusTest
class NumberRangeTest {

    @Inject
    EntityManager db;

    @Test
    void hotBlocksBecomeRangesAndNeighbouringHotBlocksWiden() throws Exception {
        String thousand = "+3906" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
        String blockA = thousand + "1";
        String blockB = thousand + "7";

        UUID a1 = grouped(ReportEvents.callFrom(blockA + "01"));
        UUID a2 = grouped(ReportEvents.callFrom(blockA + "02"));
        assertThat(campaignOf(a1)).as("one stray neighbour is not a campaign").isNotEqualTo(campaignOf(a2));
        UUID a3 = grouped(ReportEvents.callFrom(blockA + "03"));
        assertThat(new HashSet<>(List.of(campaignOf(a1), campaignOf(a2), campaignOf(a3)))).hasSize(1);
        assertThat(indicators(campaignOf(a3))).contains("NUMBER_RANGE " + blockA).doesNotContain("NUMBER_RANGE " + thousand);

        List<UUID> b = new ArrayList<>();
        for (String last : List.of("11", "12", "13")) {
            b.add(grouped(ReportEvents.callFrom(blockB + last)));
        }
        UUID campaign = campaignOf(a1);
        b.forEach(report -> assertThat(campaignOf(report)).isEqualTo(campaign));
        assertThat(indicators(campaign)).contains("NUMBER_RANGE " + blockA, "NUMBER_RANGE " + blockB,
                "NUMBER_RANGE " + thousand);
    }

    private UUID grouped(UUID report) {
        await().atMost(Duration.ofSeconds(20)).until(() -> campaignOf(report) != null);
        return report;
    }

    private UUID campaignOf(UUID report) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = db.createNativeQuery("SELECT campaign_id FROM campaign_report WHERE report_id = ?1")
                    .setParameter(1, report).getResultList();
            return rows.isEmpty() ? null : (UUID) rows.get(0);
        });
    }

    private List<String> indicators(UUID campaign) {
        return QuarkusTransaction.requiringNew().call(() -> db.createNativeQuery(
                "SELECT type || ' ' || value FROM campaign_indicator WHERE campaign_id = ?1")
                .setParameter(1, campaign).getResultList().stream().map(Object::toString).toList());
    }
}
