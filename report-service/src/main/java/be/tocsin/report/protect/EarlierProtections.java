package be.tocsin.report.protect;

import static be.tocsin.platform.persistence.SqlValues.instant;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.persistence.Sql;
import be.tocsin.report.protect.ProtectedNumberResource.ProtectionChanged;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/**
 * Announces, once, the numbers staff protected before protection changes were announced, so that
 * operator-gateway keeps blocks off them too (V6 lists them). Taking the list empties it in the same
 * transaction, so with several instances starting together only one announces each number.
 */
@ApplicationScoped
public class EarlierProtections {

    private final Sql sql;
    private final Outbox outbox;

    public EarlierProtections(Sql sql, Outbox outbox) {
        this.sql = sql;
        this.outbox = outbox;
    }

    void onStart(@Observes StartupEvent started) {
        announce();
    }

    /** How many numbers were announced (those unprotected since are dropped, not announced). */
    @Transactional
    public int announce() {
        var rows = sql.rows("""
                WITH taken AS (DELETE FROM protection_not_yet_announced RETURNING e164)
                SELECT p.e164, p.label, p.added_by, p.added_at FROM taken JOIN protected_number p USING (e164)""");
        for (Object[] row : rows) {
            outbox.publish(EventTypes.NUMBER_PROTECTION_CHANGED, new ProtectionChanged((String) row[0], true,
                    (String) row[1], (String) row[2], instant(row[3])));
        }
        return rows.size();
    }
}
