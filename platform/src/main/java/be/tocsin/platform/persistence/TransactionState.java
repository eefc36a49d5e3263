package be.tocsin.platform.persistence;

import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What one JTA transaction gathers to write in one go just before it commits (counters many events
 * add to, rows of a whole batch), kept with that transaction. Gathered state never written would be
 * lost silently, so a transaction that still holds unwritten state when it completes rolls back.
 * State that is only read back, never written ({@link #scratch}), has no such check.
 *
 * @param <T> the gathered state; each user has its own class, which is also its key in the transaction
 */
public final class TransactionState<T> {

    private final TransactionSynchronizationRegistry transactions;
    private final Class<T> type;
    private final Supplier<T> create;
    private final Predicate<T> written;
    private final String unwritten;

    /**
     * @param written whether nothing of the state is left to write; null only through {@link #scratch}
     * @param unwritten the failure's message when something is, e.g. "counts left unwritten: flush() was not called"
     */
    public TransactionState(TransactionSynchronizationRegistry transactions, Class<T> type, Supplier<T> create,
            Predicate<T> written, String unwritten) {
        this.transactions = transactions;
        this.type = type;
        this.create = create;
        this.written = written;
        this.unwritten = unwritten;
    }

    /** State a transaction only keeps to read back later in it (what it computed once), never writes. */
    public static <T> TransactionState<T> scratch(TransactionSynchronizationRegistry transactions, Class<T> type,
            Supplier<T> create) {
        return new TransactionState<>(transactions, type, create, null, null);
    }

    /** The current transaction's state, created at its first use. */
    public T get() {
        T current = peek();
        if (current == null) {
            current = create.get();
            transactions.putResource(type, current);
            if (written != null) {
                TransactionHooks.beforeCompletion(transactions, () -> {
                    if (!written.test(peek())) {
                        throw new IllegalStateException(unwritten);
                    }
                });
            }
        }
        return current;
    }

    /** Starts the current transaction's state afresh, once what it held has been written. */
    public void reset() {
        get();
        transactions.putResource(type, create.get());
    }

    /** The current transaction's state, or null when it has none yet. */
    public T peek() {
        return type.cast(transactions.getResource(type));
    }
}
