package be.tocsin.platform.eventing.inbox;

/**
 * Thrown by a handler when another transaction changed what it was working on (a key it meant to
 * claim, a row it meant to merge): running it again will succeed. The consumer retries it at once
 * in a new transaction, a few times, before the message goes back to the queue; so contention
 * never uses up the deliveries that lead to the dead-letter queue.
 */
public class TransientConflict extends RuntimeException {

    public TransientConflict(String message) {
        super(message, null, false, false);
    }
}
