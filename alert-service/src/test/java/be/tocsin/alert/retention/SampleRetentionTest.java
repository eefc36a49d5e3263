package be.tocsin.alert.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
class SampleRetentionTest {

    @Inject
    EntityManager db;

    @Inject
    SampleRetention retention;

    @Test
    void oldMessageTextIsPurgedWhileTheCampaignStays() throws Exception {
        UUID report = ReportEvents.smsAskingToCall(ReportEvents.randomPremiumNumber(), "Secret script of the scam");
        await().atMost(Duration.ofSeconds(20)).until(() -> row(report) != null);

        // Other tests' reports may be older (the sample replay spans days): only ours is checked.
        retention.purgeBatch(Instant.now().minusSeconds(3600));
        assertThat(row(report)[0]).as("a young text survives").isEqualTo("Secret script of the scam");
        retention.purgeBatch(Instant.now().plusSeconds(1));

        Object[] after = row(report);
        assertThat(after[0]).isNull();
        assertThat(after[1]).as("still in its campaign").isNotNull();
    }

    private Object[] row(UUID report) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = db.createNativeQuery("SELECT message, campaign_id FROM campaign_report WHERE report_id = ?1")
                    .setParameter(1, report).getResultList();
            return rows.isEmpty() ? null : (Object[]) rows.get(0);
        });
    }
}
