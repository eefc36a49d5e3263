package be.tocsin.platform.eventing.inbox;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Remembers which events each consumer has applied. Insert first, inside the effect's transaction:
 * a conflicting row means "already done", and the insert of a concurrent duplicate waits for the first
 * transaction and then finds the row, so check-then-act races cannot happen.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD = """
            INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING""";

    private final DataSource dataSource;

    public Inbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records that {@code consumer} applies {@code eventId} now; false if it already had. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        // The connection enlisted in the current transaction: the handler's changes share it.
        try (var db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(RECORD)) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Inbox write failed for event " + eventId, e);
        }
    }
}
