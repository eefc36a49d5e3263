package be.tocsin.platform.eventing.inbox;

import java.util.List;
import java.util.Set;

import be.tocsin.platform.eventing.CloudEvent;

/**
 * A consumer of events: implement it as a CDI bean and {@link EventConsumers} gives it a durable queue
 * {@code <service>.<purpose>} bound to its routing keys, with a dead-letter queue beside it.
 */
public interface EventHandler {

    /** What the queue is for, e.g. {@code grouping}: the queue is {@code <service>.<purpose>}. */
    String purpose();

    /** The routing keys the queue is bound to, e.g. {@code report.received}. */
    Set<String> routingKeys();

    /**
     * Called once in each transaction before its events are applied, with those of them seen for the
     * first time: where a handler reads in one statement what all of them will need. What it reads
     * may be changed by other consumers before the commit, so a handler that relies on it checks.
     */
    default void prepare(List<CloudEvent> events) {
    }

    /**
     * Applies one event. Runs inside the transaction that also records the event id as processed, and
     * only the first time that id is seen: a duplicate never reaches it. Throwing rolls everything back
     * and the message is delivered again, up to the queue's limit, then dead-lettered.
     */
    void handle(CloudEvent event);

    /**
     * Called once in each transaction, after its last event (several share one when the queue is
     * consumed in batches) and before the commit: where a handler writes what it gathered across the
     * events, e.g. counters many events add to, locked once and late. Throwing rolls the transaction
     * back like {@link #handle} does.
     */
    default void beforeCommit() {
    }
}
