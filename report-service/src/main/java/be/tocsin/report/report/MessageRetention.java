package be.tocsin.report.report;

import java.time.Instant;

import org.jboss.logging.Logger;

import be.tocsin.platform.persistence.PeriodicWork;
import be.tocsin.report.ReportConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Purges the raw text of reports older than the retention period (default 180 days); the report,
 * its numbers and the statistics stay. Works in bounded batches so a backlog never holds long locks.
 */
@ApplicationScoped
public class MessageRetention {

    private static final Logger LOG = Logger.getLogger(MessageRetention.class);
    private static final int BATCH = 5_000;

    private final EntityManager entityManager;
    private final ReportConfig config;

    public MessageRetention(EntityManager entityManager, ReportConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "${tocsin.reports.purge-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeExpired() {
        PeriodicWork.round("Purging old reports' message text", this::purgeEveryExpiredBatch);
    }

    private void purgeEveryExpiredBatch() {
        int purged;
        int total = 0;
        do {
            purged = purgeBatch(Instant.now().minus(config.messageRetention()));
            total += purged;
        } while (purged == BATCH);
        if (total > 0) {
            LOG.infof("Purged the message text of %d reports older than %s", total, config.messageRetention());
        }
    }

    /** Purges at most one batch of messages received before {@code cutoff}; returns how many. */
    @Transactional
    public int purgeBatch(Instant cutoff) {
        return entityManager.createNativeQuery("""
                UPDATE report SET message = NULL, urls = NULL, message_purged = true
                WHERE id IN (SELECT id FROM report WHERE NOT message_purged AND received_at < ?1 LIMIT ?2)""")
                .setParameter(1, cutoff).setParameter(2, BATCH).executeUpdate();
    }
}
