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
    /**
     * Sent rows past retention, at most {@link #PRUNE_ROUND} per statement, found by walking the
     * primary key from the oldest row: rows are sent in seq order, so the oldest are the ones due.
     * There is no index on sent_at (each one would be written twice for every event); the final
     * {@code sent_at < ?} keeps any unsent or younger row of the walked range.
     */
    private static final String PRUNE_SENT = """
            DELETE FROM outbox_event WHERE sent_at < ? AND seq <= (
                SELECT max(seq) FROM (SELECT seq, sent_at FROM outbox_event ORDER BY seq LIMIT ?) oldest
                WHERE sent_at < ?)""";
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
            int sent = pruneSent(db, now.minus(config.retention().sentEvents()));
            int processed = delete(db, PRUNE_PROCESSED, now.minus(config.retention().processedEvents()));
            LOG.debugf("Pruned %d sent outbox rows and %d processed-event ids", sent, processed);
        } catch (SQLException e) {
            LOG.warnf("Eventing housekeeping skipped: %s", e.getMessage());
        }
    }

    /** Deletes the sent rows older than {@code before}, one bounded round after another. */
    private static int pruneSent(java.sql.Connection db, Instant before) throws SQLException {
        int total = 0;
        try (PreparedStatement delete = db.prepareStatement(PRUNE_SENT)) {
            delete.setTimestamp(1, Timestamp.from(before));
            delete.setInt(2, PRUNE_ROUND);
            delete.setTimestamp(3, Timestamp.from(before));
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
