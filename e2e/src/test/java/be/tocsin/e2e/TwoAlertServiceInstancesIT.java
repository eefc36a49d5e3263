package be.tocsin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.ReportEvents;

/**
 * Two alert-service processes consume the same grouping queue at once. Reports of ten premium
 * callbacks and of five rotating-number blocks arrive interleaved from four publishers, so both
 * instances see reports of the same indicator at the same moment: each indicator still ends in
 * exactly one campaign, every report is grouped once, and both instances did part of the work.
 */
class TwoAlertServiceInstancesIT {

    private static final int REPORTS_PER_CAMPAIGN = 30;
    private static TwoInstances instances;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        instances = TwoInstances.start("alert-service", 9282);
    }

    @AfterAll
    static void stop() throws Exception {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void eachIndicatorEndsInOneCampaignAndEachReportIsGroupedOnce() throws Exception {
        Map<String, List<Callable<UUID>>> byIndicator = new LinkedHashMap<>();
        for (int c = 0; c < 10; c++) {
            String callback = ReportEvents.randomPremiumNumber();
            byIndicator.put("CALLBACK_NUMBER:" + callback,
                    repeat(() -> ReportEvents.smsAskingToCall(callback)));
        }
        for (int b = 0; b < 5; b++) {
            String block = "+3906" + (1_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_999_999));
            byIndicator.put("NUMBER_RANGE:" + block, new ArrayList<>());
            for (int n = 0; n < REPORTS_PER_CAMPAIGN; n++) {
                String number = block + String.format("%02d", n);
                byIndicator.get("NUMBER_RANGE:" + block).add(() -> ReportEvents.callFrom(number));
            }
        }
        Map<String, List<UUID>> reports = publishInterleaved(byIndicator);
        List<UUID> all = reports.values().stream().flatMap(List::stream).toList();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> E2eDatabase.number(
                "alert-service", "SELECT count(*) FROM campaign_report WHERE report_id = ANY(?)",
                (Object) all.toArray(UUID[]::new)) == all.size());

        for (Map.Entry<String, List<UUID>> indicator : reports.entrySet()) {
            UUID[] ids = indicator.getValue().toArray(UUID[]::new);
            List<Object> campaigns = E2eDatabase.column("alert-service",
                    "SELECT DISTINCT campaign_id FROM campaign_report WHERE report_id = ANY(?)", (Object) ids);
            assertThat(campaigns).as("campaigns holding the reports of %s", indicator.getKey()).hasSize(1);
            assertThat(E2eDatabase.column("alert-service", "SELECT campaign_id FROM link_key WHERE key = ?",
                    indicator.getKey())).as("campaign %s links to", indicator.getKey()).containsExactly(campaigns.get(0));
            assertThat(E2eDatabase.number("alert-service",
                    "SELECT report_count FROM campaign WHERE id = ? AND status = 'CANDIDATE'", campaigns.get(0)))
                    .as("reports counted on the campaign of %s", indicator.getKey()).isEqualTo(REPORTS_PER_CAMPAIGN);
        }
        String grouping = "queue=\"alert-service.grouping\"";
        assertThat(instances.first.metric("tocsin_events_consumed_total", grouping, "outcome=\"applied\""))
                .as("reports the first instance grouped").isPositive();
        assertThat(instances.second.metric("tocsin_events_consumed_total", grouping, "outcome=\"applied\""))
                .as("reports the second instance grouped").isPositive();
    }

    private static List<Callable<UUID>> repeat(Callable<UUID> publish) {
        return new ArrayList<>(Collections.nCopies(REPORTS_PER_CAMPAIGN, publish));
    }

    /** Publishes every indicator's reports round-robin from four threads; report ids per indicator. */
    private static Map<String, List<UUID>> publishInterleaved(Map<String, List<Callable<UUID>>> byIndicator)
            throws Exception {
        Map<String, List<Future<UUID>>> sent = new LinkedHashMap<>();
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < REPORTS_PER_CAMPAIGN; i++) {
                for (Map.Entry<String, List<Callable<UUID>>> indicator : byIndicator.entrySet()) {
                    sent.computeIfAbsent(indicator.getKey(), key -> new ArrayList<>())
                            .add(publishers.submit(indicator.getValue().get(i)));
                }
            }
            Map<String, List<UUID>> reports = new LinkedHashMap<>();
            for (Map.Entry<String, List<Future<UUID>>> indicator : sent.entrySet()) {
                List<UUID> ids = new ArrayList<>();
                for (Future<UUID> report : indicator.getValue()) {
                    ids.add(report.get());
                }
                reports.put(indicator.getKey(), ids);
            }
            return reports;
        } finally {
            publishers.shutdown();
        }
    }
}
