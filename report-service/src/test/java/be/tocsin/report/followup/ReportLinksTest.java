package be.tocsin.report.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.persistence.Sql;
import be.tocsin.report.Citizen;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The report.linked events of one consumer transaction, written together at its end. */
@QuarkusTest
class ReportLinksTest {

    @Inject
    ReportLinks links;

    @Inject
    Sql sql;

    @Test
    void aTransactionsLinksAreWrittenTogetherAndTheLatestLinkWins() {
        String shared = Citizen.randomItalianNumber();
        UUID first = report(shared);
        UUID second = report(shared);
        UUID other = report(Citizen.randomItalianNumber());
        UUID campaignA = UUID.randomUUID();
        UUID campaignB = UUID.randomUUID();

        QuarkusTransaction.requiringNew().run(() -> {
            links.link(first, campaignA);
            links.link(second, campaignA);
            links.link(other, campaignA);
            links.link(first, campaignB); // a merge moved it
            links.flush();
        });

        assertThat(campaignOf(first)).isEqualTo(campaignB);
        assertThat(campaignOf(second)).isEqualTo(campaignA);
        assertThat(campaignOf(other)).isEqualTo(campaignA);
        // The shared number follows the report linked last.
        assertThat(numberCampaign(shared)).isEqualTo(campaignB);
        assertThat(sql.<Long>column("SELECT count(*) FROM campaign_view WHERE id = ANY(?)", java.util.List.of(campaignA, campaignB)))
                .containsExactly(2L);
    }

    @Test
    void aLinkToAReportThisServiceDoesNotHaveFailsItsTransactionAndWritesNothing() {
        UUID known = report(Citizen.randomItalianNumber());
        UUID campaign = UUID.randomUUID();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            links.link(known, campaign);
            links.link(UUID.randomUUID(), campaign);
            links.flush();
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown reports");

        assertThat(campaignOf(known)).isNull();
    }

    @Test
    void linksNeverWrittenStopTheCommit() {
        UUID known = report(Citizen.randomItalianNumber());

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> links.link(known, UUID.randomUUID())));

        assertThat(campaignOf(known)).isNull();
    }

    private static UUID report(String number) {
        return UUID.fromString(Citizen.anyone().report(Citizen.call(number)).statusCode(202).extract().path("id"));
    }

    private UUID campaignOf(UUID report) {
        return QuarkusTransaction.requiringNew().call(
                () -> sql.<UUID>column("SELECT campaign_id FROM report WHERE id = ?", report).get(0));
    }

    private UUID numberCampaign(String e164) {
        return QuarkusTransaction.requiringNew().call(
                () -> sql.<UUID>column("SELECT campaign_id FROM number_stats WHERE e164 = ?", e164).get(0));
    }
}
