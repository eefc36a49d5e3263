package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A burst of reports sharing one new indicator, consumed by parallel consumers (two channels,
 * tocsin.eventing.consumer.channels): they end in one campaign, never two.
 */
@QuarkusTest
class ConcurrentGroupingTest {

    @Inject
    EntityManager db;

    @Test
    void parallelConsumersNeverOpenTwoCampaignsForOneIndicator() throws Exception {
        String callback = ReportEvents.randomPremiumNumber();
        List<UUID> reports = publishInParallel(60, i -> ReportEvents.smsAskingToCall(callback));
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM campaign_report WHERE report_id IN (?1)", reports) == reports.size());

        assertThat(count("SELECT count(DISTINCT campaign_id) FROM campaign_report WHERE report_id IN (?1)", reports))
                .isEqualTo(1);
        UUID campaign = QuarkusTransaction.requiringNew().call(() -> (UUID) db.createNativeQuery(
                "SELECT campaign_id FROM link_key WHERE key = ?1").setParameter(1, "CALLBACK_NUMBER:" + callback)
                .getSingleResult());
        assertThat(count("SELECT report_count FROM campaign WHERE id = ?1 AND status = 'CANDIDATE'", campaign))
                .isEqualTo(60);
    }

    @Test
    void parallelMergesOfOneBlockCountEveryReportOnce() throws Exception {
        String block = "+390691" + (1_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_999));
        List<UUID> reports = publishInParallel(40, i -> ReportEvents.callFrom(block + String.format("%02d", i)));
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM campaign_report WHERE report_id IN (?1)", reports) == reports.size());

        // Early reports open campaigns of their own; the block turning hot merges them, often on
        // several consumers at once. One campaign must remain, counting each report once.
        assertThat(count("SELECT count(DISTINCT campaign_id) FROM campaign_report WHERE report_id IN (?1)", reports))
                .isEqualTo(1);
        UUID campaign = QuarkusTransaction.requiringNew().call(() -> (UUID) db.createNativeQuery(
                "SELECT campaign_id FROM campaign_report WHERE report_id = ?1").setParameter(1, reports.get(0))
                .getSingleResult());
        assertThat(count("SELECT report_count FROM campaign WHERE id = ?1", campaign)).isEqualTo(40);
    }

    /** Publishes {@code count} reports from four threads at once; their ids. */
    private static List<UUID> publishInParallel(int count, Report report) throws Exception {
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        try {
            List<Future<UUID>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                sent.add(publishers.submit(() -> report.publish(n)));
            }
            List<UUID> reports = new ArrayList<>();
            for (Future<UUID> published : sent) {
                reports.add(published.get());
            }
            return reports;
        } finally {
            publishers.shutdown();
        }
    }

    @FunctionalInterface
    private interface Report {
        UUID publish(int n) throws Exception;
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) db.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
