package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.persistence.Ids;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Campaign counts are written once per transaction (CampaignCounts), as a consumer batch does it:
 * reports grouped together, then {@link Grouping#flush()}, then the commit.
 */
@QuarkusTest
class CampaignCountsTest {

    @Inject
    Grouping grouping;

    @Inject
    EntityManager db;

    /**
     * The first two calls from a block open a campaign each; the third turns the block hot and merges
     * them. Their counts were still pending when they merged: they must end in the survivor, once.
     */
    @Test
    void aBatchThatOpensCampaignsAndMergesThemCountsEachReportOnce() {
        String block = "+390692" + (1_000 + ThreadLocalRandom.current().nextInt(8_999));
        List<ReportReceived> calls = List.of(call(block + "01"), call(block + "02"), call(block + "03"));

        List<UUID> campaigns = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> grouped = calls.stream().map(grouping::group).toList();
            grouping.flush();
            return grouped;
        });

        assertThat(campaigns.get(0)).as("the first two opened campaigns of their own").isNotEqualTo(campaigns.get(1));
        UUID survivor = campaigns.get(2);
        assertThat(campaignsOf(calls)).containsExactly(survivor);
        assertThat(number("SELECT report_count FROM campaign WHERE id = ?1", survivor)).isEqualTo(3);
        assertThat(number("SELECT count(*) FROM campaign WHERE merged_into = ?1", survivor)).isEqualTo(1);
        assertThat(number("SELECT sum(report_count) FROM campaign_indicator WHERE campaign_id = ?1 AND type = 'NUMBER'",
                survivor)).as("each number counted once, in the survivor").isEqualTo(3);
        assertThat(number("SELECT report_count FROM campaign_indicator WHERE campaign_id = ?1 AND type = 'NUMBER_RANGE'",
                survivor)).isEqualTo(1);
    }

    /** Largest counts the batch's own reports too: the younger campaign with two of them survives. */
    @Test
    void theCampaignWithMoreReportsSoFarSurvivesAMergeInsideTheBatch() {
        String block = "+390694" + (1_000 + ThreadLocalRandom.current().nextInt(8_999));
        List<ReportReceived> calls = List.of(call(block + "01"), call(block + "02"), call(block + "02"), call(block + "03"));

        List<UUID> campaigns = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> grouped = calls.stream().map(grouping::group).toList();
            grouping.flush();
            return grouped;
        });

        UUID younger = campaigns.get(1);
        assertThat(campaigns.get(3)).as("merged into the campaign of two reports, not the older one of one")
                .isEqualTo(younger);
        assertThat(number("SELECT report_count FROM campaign WHERE id = ?1", younger)).isEqualTo(4);
    }

    @Test
    void aTransactionThatNeverWroteItsCountsDoesNotCommit() {
        ReportReceived call = call("+390693" + (100_000 + ThreadLocalRandom.current().nextInt(899_999)));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> grouping.group(call)))
                .hasStackTraceContaining("Grouping.flush() was not called");

        assertThat(campaignsOf(List.of(call))).as("nothing of the report was kept").isEmpty();
    }

    private static ReportReceived call(String e164) {
        ReportReceived.Party caller = new ReportReceived.Party("PHONE", e164, e164, "IT", "FIXED_LINE", false);
        Instant now = Instant.now();
        return new ReportReceived(Ids.next(), "CALL", caller, false, null, null, List.of(), now, now, "FR");
    }

    private List<UUID> campaignsOf(List<ReportReceived> reports) {
        List<UUID> ids = reports.stream().map(ReportReceived::reportId).toList();
        return QuarkusTransaction.requiringNew().call(() -> db.createNativeQuery(
                "SELECT DISTINCT campaign_id FROM campaign_report WHERE report_id IN (?1)", UUID.class)
                .setParameter(1, ids).getResultList());
    }

    private long number(String sql, UUID campaign) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) db.createNativeQuery(sql)
                .setParameter(1, campaign).getSingleResult()).longValue());
    }
}
