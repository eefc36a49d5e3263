package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.google.common.base.Throwables;

import be.tocsin.platform.eventing.inbox.TransientConflict;
import be.tocsin.platform.persistence.Ids;
import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Batches grouped at the same time: a burst of reports sharing one new indicator, consumed by
 * parallel consumers (two channels, tocsin.eventing.consumer.channels), ends in one campaign, never
 * two; a batch that lost a key to another fails, to be grouped again.
 */
@QuarkusTest
class ConcurrentGroupingTest {

    @Inject
    EntityManager db;

    @Inject
    Grouping grouping;

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

    /**
     * A key this batch found free, claimed meanwhile by another batch that committed first: the check
     * sent with this batch's writes fails it as a transient conflict (the consumer groups its reports
     * again), and nothing of it is kept.
     */
    @Test
    void aKeyClaimedMeanwhileByAnotherBatchFailsThisOneAsATransientConflictKeepingNothing() {
        String callback = ReportEvents.randomPremiumNumber();
        ReportReceived mine = askingToCall(callback);
        ReportReceived theirs = askingToCall(callback);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            grouping.group(mine);
            QuarkusTransaction.requiringNew().run(() -> {
                grouping.group(theirs);
                grouping.flush();
            });
            grouping.flush();
        })).satisfies(failure -> assertThat(Throwables.getCausalChain(failure)).as("the failure and its causes")
                .anySatisfy(cause -> assertThat(cause).isInstanceOf(TransientConflict.class)
                        .hasMessageContaining("CALLBACK_NUMBER:" + callback)));

        assertThat(count("SELECT count(*) FROM campaign_report WHERE report_id = ?1", mine.reportId())).isZero();
        assertThat(count("SELECT count(*) FROM campaign_report WHERE report_id = ?1", theirs.reportId())).isEqualTo(1);
    }

    private static ReportReceived askingToCall(String callback) {
        Instant now = Instant.now();
        ReportReceived.Party premium = new ReportReceived.Party("PHONE", callback, callback, "BE", "PREMIUM_RATE", true);
        return new ReportReceived(Ids.next(), "EMAIL", null, false, premium, null, List.of(), now, now, "FR");
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
