package be.tocsin.platform.persistence;

import org.jboss.logging.Logger;

/**
 * One round of a scheduled job that needs the database. Left to the scheduler, a round's failure is
 * logged at ERROR with its stack trace: every round of a database outage would page someone for what
 * the next round, once the database is back, does by itself. A round the database is unavailable for
 * ({@link DatabaseUnavailable}) is skipped in one line instead; any other failure is a fault of the
 * job and still reaches the scheduler.
 */
public final class PeriodicWork {

    private static final Logger LOG = Logger.getLogger(PeriodicWork.class);

    private PeriodicWork() {
    }

    /** Runs {@code round} of the job described by {@code what} ("Expiring block requests"). */
    public static void round(String what, Runnable round) {
        try {
            round.run();
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.in(e)) {
                throw e;
            }
            LOG.warnf("%s skipped this round: the database is unavailable (%s)", what, e.getMessage());
        }
    }
}
