package be.tocsin.platform.eventing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import be.tocsin.platform.persistence.PeriodicWork;
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
    /**
     * Sent rows past retention among the {@link #PRUNE_ROUND} oldest, found by walking the primary
     * key: rows are sent in seq order, so the oldest are the ones due, and there is no index on
     * sent_at (it would be written twice for every event). Deleted by their seq as an array so that
     * the generic plan stays on the primary key: with {@code seq IN (...)} or {@code seq <= (...)}
     * PostgreSQL costed the unknown window at a tenth of the table and scanned all of it.
     */
    private static final String PRUNE_SENT = """
            DELETE FROM outbox_event WHERE seq = ANY (ARRAY(
                SELECT seq FROM (SELECT seq, sent_at FROM outbox_event ORDER BY seq LIMIT ?) oldest
                WHERE sent_at < ?))""";
    private static final int PRUNE_ROUND = 10_000;
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
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
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
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        PeriodicWork.round("Pruning the outbox and the processed-event ids", this::pruneNow);
    }

    private void pruneNow() {
        Instant now = Instant.now();
        try (var db = dataSource.getConnection()) {
            int sent = pruneSent(db, now.minus(config.retention().sentEvents()));
            int processed = delete(db, PRUNE_PROCESSED, now.minus(config.retention().processedEvents()));
            LOG.debugf("Pruned %d sent outbox rows and %d processed-event ids", sent, processed);
        } catch (SQLException e) {
            // PeriodicWork tells the database being down (the round skipped, one line) from a fault of the prune.
            throw new IllegalStateException("Pruning the outbox failed", e);
        }
    }

    /** Deletes the sent rows older than {@code before}, one bounded round after another. */
    private static int pruneSent(java.sql.Connection db, Instant before) throws SQLException {
        int total = 0;
        try (PreparedStatement delete = db.prepareStatement(PRUNE_SENT)) {
            delete.setInt(1, PRUNE_ROUND);
            delete.setTimestamp(2, Timestamp.from(before));
            for (int deleted = delete.executeUpdate(); deleted > 0; deleted = delete.executeUpdate()) {
                total += deleted;
            }
        }
        return total;
    }

    private static int delete(java.sql.Connection db, String sql, Instant before) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement(sql)) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }
}
