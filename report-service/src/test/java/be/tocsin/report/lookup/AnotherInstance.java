package be.tocsin.report.lookup;

import java.util.UUID;

import be.tocsin.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Plays another report-service instance by writing what its transactions write, straight to the
 * database: this instance hears of it only as it would of a real other instance. The parts, for a
 * test that runs them in a transaction of its own, and whole commits.
 */
final class AnotherInstance {

    private AnotherInstance() {
    }

    /** What its protected list writes for {@code number}, without counting the change. */
    static void writesProtected(Sql sql, String number) {
        sql.update("INSERT INTO protected_number (e164, label, added_by) VALUES (?, 'Embassy', 'alice')", number);
    }

    /** The count it moves, last in a transaction that changed something for every answer. */
    static void countsAChangeForAll(Sql sql) {
        sql.update("UPDATE lookup_answers_generation SET generation = generation + 1");
    }

    /** What it commits when staff protect {@code number}: the number and the count. */
    static void protectsNumber(Sql sql, String number) {
        QuarkusTransaction.requiringNew().run(() -> {
            writesProtected(sql, number);
            countsAChangeForAll(sql);
        });
    }

    /** What its consumer of campaign.confirmed commits for a range: the campaign, the range, the count. */
    static void confirmsRange(Sql sql, UUID campaign, String range) {
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("INSERT INTO campaign_view (id, title, status) VALUES (?, 'Wangiri', 'CONFIRMED')", campaign);
            sql.update("INSERT INTO confirmed_indicator (value, campaign_id, type) VALUES (?, ?, 'NUMBER_RANGE')",
                    range, campaign);
            countsAChangeForAll(sql);
        });
    }
}
