package be.tocsin.platform.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.persistence.Ids;
import be.tocsin.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** What housekeeping deletes from the outbox: sent rows past retention, and nothing that may still be needed. */
@QuarkusTest
class EventingHousekeepingTest {

    private static final String INSERT = """
            INSERT INTO outbox_event (id, type, routing_key, payload, created_at, sent_at)
            SELECT ?::uuid, 'be.tocsin.test.housekeeping.v1', 'test.housekeeping', '{}',
                   now() - ?::interval, now() - ?::interval""";

    @Inject
    EventingHousekeeping housekeeping;

    @Inject
    Sql sql;

    @Test
    void sentRowsPastRetentionGoInRoundsWhileUnsentAndRecentRowsStay() {
        UUID oldSent = insert("3 days", "3 days");
        UUID oldUnsent = insert("3 days", null); // a broker outage of days: never deleted unsent
        UUID oldButSentLately = insert("3 days", "1 hour");
        // More than one round of the prune (10,000 rows), all due.
        QuarkusTransaction.requiringNew().run(() -> sql.update("""
                INSERT INTO outbox_event (id, type, routing_key, payload, created_at, sent_at)
                SELECT gen_random_uuid(), 'be.tocsin.test.housekeeping.v1', 'test.housekeeping', '{}',
                       now() - interval '2 days', now() - interval '2 days'
                FROM generate_series(1, 25000)"""));
        UUID recentSent = insert("2 hours", "2 hours");

        housekeeping.prune();

        assertThat(exists(oldSent)).as("sent 3 days ago").isFalse();
        assertThat(count("created_at < now() - interval '1 day 12 hours' AND sent_at < now() - interval '1 day'"))
                .as("sent rows past the day of retention").isZero();
        assertThat(exists(oldUnsent)).as("never sent").isTrue();
        assertThat(exists(recentSent)).as("sent 2 hours ago").isTrue();
        assertThat(exists(oldButSentLately)).as("created 3 days ago, sent an hour ago").isTrue();
    }

    private UUID insert(String age, String sentAgo) {
        UUID id = Ids.next();
        // A null interval makes a null sent_at: not sent yet.
        QuarkusTransaction.requiringNew().run(() -> sql.update(INSERT, id.toString(), age, sentAgo));
        return id;
    }

    private boolean exists(UUID id) {
        return count("id = '" + id + "'") == 1;
    }

    private long count(String condition) {
        List<Long> counts = sql.column("SELECT count(*) FROM outbox_event WHERE " + condition);
        return counts.get(0);
    }
}
