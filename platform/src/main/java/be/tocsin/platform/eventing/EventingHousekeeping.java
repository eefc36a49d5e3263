package be.tocsin.platform.eventing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Measures the outbox backlog for the metrics endpoint and deletes what the outbox and the inbox no
 * longer need. Measuring on a schedule, not on each scrape, keeps a slow database out of /q/metrics.
 */
@Startup // the gauges exist from the start, not from the first scheduled measurement 5 s later
@ApplicationScoped
public class EventingHousekeeping {

    private static final Logger LOG = Logger.getLogger(EventingHousekeeping.class);
    private static final String BACKLOG = """
            SELECT count(*), min(created_at) FROM outbox_event WHERE sent_at IS NULL""";
    private static final String PRUNE_SENT = "DELETE FROM outbox_event WHERE sent_at < ?";
    private static final String PRUNE_PROCESSED = "DELETE FROM processed_event WHERE processed_at < ?";

    private final DataSource dataSource;
    private final EventingConfig config;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnsentAgeSeconds = new AtomicLong();

    public EventingHousekeeping(DataSource dataSource, EventingConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        Gauge.builder("tocsin.outbox.backlog", backlog, AtomicLong::get)
                .description("Committed events not yet confirmed by the broker")
                .register(registry);
        Gauge.builder("tocsin.outbox.oldest.unsent.age", oldestUnsentAgeSeconds, AtomicLong::get)
                .description("Age of the oldest event still waiting in the outbox")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = "${tocsin.eventing.housekeeping.measure-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureBacklog() {
        try (var db = dataSource.getConnection();
                PreparedStatement query = db.prepareStatement(BACKLOG);
                ResultSet row = query.executeQuery()) {
            row.next();
            backlog.set(row.getLong(1));
            Timestamp oldest = row.getTimestamp(2);
            oldestUnsentAgeSeconds.set(oldest == null ? 0
                    : Math.max(0, Instant.now().getEpochSecond() - oldest.toInstant().getEpochSecond()));
        } catch (SQLException e) {
            LOG.debugf("Outbox backlog not measured: %s", e.getMessage());
        }
    }

    @Scheduled(every = "${tocsin.eventing.housekeeping.prune-every:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        Instant now = Instant.now();
        try (var db = dataSource.getConnection()) {
            int sent = delete(db, PRUNE_SENT, now.minus(config.retention().sentEvents()));
            int processed = delete(db, PRUNE_PROCESSED, now.minus(config.retention().processedEvents()));
            LOG.debugf("Pruned %d sent outbox rows and %d processed-event ids", sent, processed);
        } catch (SQLException e) {
            LOG.warnf("Eventing housekeeping skipped: %s", e.getMessage());
        }
    }

    private static int delete(java.sql.Connection db, String sql, Instant before) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement(sql)) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }
}
