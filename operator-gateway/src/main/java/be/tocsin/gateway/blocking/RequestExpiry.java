package be.tocsin.gateway.blocking;

import org.jboss.logging.Logger;

import be.tocsin.platform.persistence.PeriodicWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Marks pending requests past their expiry EXPIRED (pulls already show them so; this keeps the table true). */
@ApplicationScoped
public class RequestExpiry {

    private static final Logger LOG = Logger.getLogger(RequestExpiry.class);

    private final BlockRequestStore store;

    public RequestExpiry(BlockRequestStore store) {
        this.store = store;
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        PeriodicWork.round("Expiring block requests", this::sweepNow);
    }

    /** Marks what has expired now; returns how many requests. */
    public int sweepNow() {
        int expired = store.expire();
        if (expired > 0) {
            LOG.infof("%d block request(s) expired", expired);
        }
        return expired;
    }
}
