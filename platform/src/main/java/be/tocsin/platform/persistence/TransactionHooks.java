package be.tocsin.platform.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work tied to the end of the current JTA transaction. */
public final class TransactionHooks {

    private TransactionHooks() {
    }

    /** Runs {@code action} once the current transaction has committed; never if it rolls back. */
    public static void afterCommit(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    /** Runs {@code check} just before the current transaction completes: throwing from it rolls the transaction back. */
    public static void beforeCompletion(TransactionSynchronizationRegistry transactions, Runnable check) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                check.run();
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
    }
}
