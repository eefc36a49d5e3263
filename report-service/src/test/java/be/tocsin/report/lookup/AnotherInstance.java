package be.tocsin.report.lookup;

import java.util.UUID;

import be.tocsin.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Plays another report-service instance by writing what its transactions write, straight to the
 * database: this instance hears of it only as it would of a real other instance.
 */
final class AnotherInstance {

    private AnotherInstance() {
    }

    /** What its consumer of campaign.confirmed commits for a range: the campaign, the range, the count. */
    static void confirmsRange(Sql sql, UUID campaign, String range) {
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("INSERT INTO campaign_view (id, title, status) VALUES (?, 'Wangiri', 'CONFIRMED')", campaign);
            sql.update("INSERT INTO confirmed_indicator (value, campaign_id, type) VALUES (?, ?, 'NUMBER_RANGE')",
                    range, campaign);
            sql.update("UPDATE lookup_answers_generation SET generation = generation + 1");
        });
    }
}
