package be.tocsin.platform.eventing.outbox;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.EventingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Publishes an event by writing it into the caller's transaction: it leaves for the broker only if
 * that transaction commits, and then surely (see {@link OutboxRelay}). Never send to the broker directly.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_event (id, type, routing_key, payload) VALUES (?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final EventingConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(DataSource dataSource, ObjectMapper mapper, EventingConfig config,
            TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.config = config;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Adds {@code data} as an event of {@code type} to the current transaction; returns the envelope. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent publish(String type, Object data) {
        CloudEvent event = CloudEvent.create(config.source(), type, mapper.valueToTree(data));
        // Inside a JTA transaction the pool hands out the connection already enlisted in it (the one
        // Hibernate uses too), so the row commits or rolls back with the caller's own changes.
        try (var db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(INSERT)) {
            insert.setObject(1, event.id());
            insert.setString(2, event.type());
            insert.setString(3, event.routingKey());
            insert.setString(4, toJson(event));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Outbox write failed for " + event.type(), e);
        }
        // Wake the relay as soon as the row is visible, rather than at its next poll.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
        return event;
    }

    private String toJson(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data cannot be written as JSON: " + event.type(), e);
        }
    }
}
