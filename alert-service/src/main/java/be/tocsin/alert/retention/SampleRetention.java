package be.tocsin.alert.retention;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import be.tocsin.platform.persistence.PeriodicWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Purges the message text alert-service keeps for campaign samples once it is older than the
 * retention period (the same 180 days as report-service); campaigns, counts and keys remain.
 */
@ApplicationScoped
public class SampleRetention {

    private static final Logger LOG = Logger.getLogger(SampleRetention.class);
    private static final int BATCH = 5_000;

    private final EntityManager db;
    private final Duration retention;

    public SampleRetention(EntityManager db,
            @ConfigProperty(name = "tocsin.alerts.message-retention", defaultValue = "P180D") Duration retention) {
        this.db = db;
        this.retention = retention;
    }

    @Scheduled(every = "${tocsin.alerts.purge-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeExpired() {
        PeriodicWork.round("Purging old grouped reports' message text", this::purgeEveryExpiredBatch);
    }

    private void purgeEveryExpiredBatch() {
        int purged;
        int total = 0;
        do {
            purged = purgeBatch(Instant.now().minus(retention));
            total += purged;
        } while (purged == BATCH);
        if (total > 0) {
            LOG.infof("Purged the message text of %d grouped reports older than %s", total, retention);
        }
    }

    /** Purges at most one batch of texts received before {@code cutoff}; returns how many. */
    @Transactional
    public int purgeBatch(Instant cutoff) {
        return db.createNativeQuery("""
                UPDATE campaign_report SET message = NULL
                WHERE report_id IN (SELECT report_id FROM campaign_report
                                    WHERE message IS NOT NULL AND received_at < ?1 LIMIT ?2)""")
                .setParameter(1, cutoff).setParameter(2, BATCH).executeUpdate();
    }
}
