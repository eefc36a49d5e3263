package be.tocsin.platform.eventing.outbox;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.EventingConfig;
import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.persistence.TransactionHooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Publishes an event by writing it into the caller's transaction: it leaves for the broker only if
 * that transaction commits, and then surely (see {@link OutboxRelay}). Never send to the broker directly.
 */
@ApplicationScoped
public class Outbox {

    // Any number of events, one statement (in the order given: the relay's order).
    private static final String INSERT = """
            INSERT INTO outbox_event (id, type, routing_key, payload)
            SELECT id, ?, ?, payload FROM unnest(?::uuid[], ?::text[]) WITH ORDINALITY AS e(id, payload, n) ORDER BY n""";

    private final Sql sql;
    private final ObjectMapper mapper;
    private final EventingConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(Sql sql, ObjectMapper mapper, EventingConfig config,
            TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.sql = sql;
        this.mapper = mapper;
        this.config = config;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Adds {@code data} as an event of {@code type} to the current transaction; returns the envelope. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent publish(String type, Object data) {
        return publishAll(type, List.of(data)).get(0);
    }

    /**
     * Adds one event of {@code type} per element of {@code data}; their envelopes. The rows are
     * written when the transaction commits, with its other statements queued for then
     * ({@link Sql#updateAtCommit}): nothing in the transaction reads them back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CloudEvent> publishAll(String type, List<?> data) {
        // The payload wrapped, not converted: it is written straight into the envelope's JSON, where a
        // tree built first (valueToTree) cost as much again as the writing, inside the caller's
        // transaction (JFR, docs/benchmarks-journal.md).
        List<CloudEvent> events = data.stream()
                .map(payload -> CloudEvent.create(config.source(), type, JsonNodeFactory.instance.pojoNode(payload))).toList();
        String routingKey = EventTypes.routingKey(type);
        // Sql runs on the connection already enlisted in the caller's transaction (the one Hibernate
        // uses too), so the rows commit or roll back with the caller's own changes.
        sql.updateAtCommit(INSERT, type, routingKey, events.stream().map(CloudEvent::id).toList(),
                events.stream().map(this::toJson).toList());
        // Wake the relay as soon as the rows are visible, rather than at its next poll.
        TransactionHooks.afterCommit(transactions, relay::wakeUp);
        return events;
    }

    private String toJson(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data cannot be written as JSON: " + event.type(), e);
        }
    }
}
