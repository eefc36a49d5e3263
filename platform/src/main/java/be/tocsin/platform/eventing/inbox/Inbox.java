package be.tocsin.platform.eventing.inbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import be.tocsin.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Remembers which events each consumer has applied. Insert first, inside the effect's transaction:
 * a conflicting row means "already done", and the insert of a concurrent duplicate waits for the first
 * transaction and then finds the row, so check-then-act races cannot happen.
 */
@ApplicationScoped
public class Inbox {

    // Sorted ids: two transactions recording overlapping batches lock their rows in the same order.
    private static final String RECORD = """
            INSERT INTO processed_event (consumer, event_id) SELECT ?, id FROM unnest(?::uuid[]) AS e(id) ORDER BY id
            ON CONFLICT DO NOTHING RETURNING event_id""";

    private final Sql sql;

    public Inbox(Sql sql) {
        this.sql = sql;
    }

    /** Records that {@code consumer} applies {@code eventId} now; false if it already had. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        return firstDeliveries(consumer, List.of(eventId)).get(0);
    }

    /**
     * Records that {@code consumer} applies these events now, in one statement; for each, whether this
     * is its first delivery (false if it was applied before, or comes earlier in the same list).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Boolean> firstDeliveries(String consumer, List<UUID> eventIds) {
        Set<UUID> recorded = new HashSet<>(sql.<UUID>column(RECORD, consumer, eventIds));
        List<Boolean> firsts = new ArrayList<>(eventIds.size());
        for (UUID id : eventIds) {
            firsts.add(recorded.remove(id));
        }
        return firsts;
    }
}
