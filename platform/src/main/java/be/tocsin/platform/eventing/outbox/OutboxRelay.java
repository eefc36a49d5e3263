package be.tocsin.platform.eventing.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import be.tocsin.platform.eventing.BrokerConnections;
import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.EventingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Moves committed outbox rows to the broker: claims a batch ({@code FOR UPDATE SKIP LOCKED}, so
 * replicas share the work without sending a row twice), publishes it, waits for the broker's
 * confirms, marks the rows sent and commits. A failure anywhere rolls the claim back and the batch is
 * tried again after a growing pause, so a broker outage delays events and never loses one. A crash
 * between confirm and commit re-sends the batch: delivery is at least once, consumers deduplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final String CLAIM = """
            SELECT seq, id, type, routing_key, payload, created_at FROM outbox_event
            WHERE sent_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED""";
    private static final String MARK_SENT = "UPDATE outbox_event SET sent_at = now() WHERE seq = ANY (?)";

    private final DataSource dataSource;
    private final BrokerConnections broker;
    private final EventingConfig config;
    private final Semaphore work = new Semaphore(0);

    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public OutboxRelay(DataSource dataSource, BrokerConnections broker, EventingConfig config) {
        this.dataSource = dataSource;
        this.broker = broker;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relay().enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        // Events are sent after the requests waiting for a core (EventingConfig.Consumer#yieldToRequests).
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
        closeConnection();
    }

    /** Called after a commit that wrote outbox rows: relay now rather than at the next poll. */
    public void wakeUp() {
        if (work.availablePermits() == 0) {
            work.release();
        }
    }

    /** Whether the relay currently holds an open connection to the broker. */
    public boolean connected() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        Channel channel = null;
        while (running) {
            try {
                if (channel == null || !channel.isOpen()) {
                    channel = openChannel();
                }
                work.drainPermits();
                int sent = relayBatch(channel);
                backoff = FIRST_BACKOFF;
                if (sent < config.relay().batchSize()) {
                    work.tryAcquire(config.relay().idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Outbox relay cannot publish (%s); trying again in %d ms", e, backoff.toMillis());
                channel = null;
                closeConnection();
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(config.relay().maxBackoff()) > 0
                        ? config.relay().maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    private Channel openChannel() throws Exception {
        if (!connected()) {
            connection = broker.open("outbox-relay", false);
        }
        Channel channel = connection.createChannel();
        broker.declareExchanges(channel);
        channel.confirmSelect();
        return channel;
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.abort(1_000);
            } catch (RuntimeException ignored) {
                // already gone: nothing to release
            }
        }
    }

    /**
     * Publishes one batch of committed, unsent events over {@code channel} (in confirm mode) and returns
     * how many it sent. Safe to run from several threads or service replicas at once.
     */
    public int relayBatch(Channel channel) throws Exception {
        try (var db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                List<Long> claimed = publishClaimed(db, channel);
                if (!claimed.isEmpty()) {
                    channel.waitForConfirmsOrDie(config.relay().confirmTimeout().toMillis());
                    markSent(db, claimed);
                }
                db.commit();
                return claimed.size();
            } catch (Exception e) {
                db.rollback();
                throw e;
            }
        }
    }

    private List<Long> publishClaimed(java.sql.Connection db, Channel channel) throws Exception {
        List<Long> claimed = new ArrayList<>();
        try (PreparedStatement claim = db.prepareStatement(CLAIM)) {
            claim.setInt(1, config.relay().batchSize());
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                            .messageId(rows.getString("id"))
                            .type(rows.getString("type"))
                            .contentType(CloudEvent.CONTENT_TYPE)
                            .contentEncoding(StandardCharsets.UTF_8.name())
                            .deliveryMode(2)
                            .appId(config.service())
                            .timestamp(new Date(rows.getTimestamp("created_at").getTime()))
                            .build();
                    channel.basicPublish(config.exchange(), rows.getString("routing_key"), properties,
                            rows.getString("payload").getBytes(StandardCharsets.UTF_8));
                    claimed.add(rows.getLong("seq"));
                }
            }
        }
        return claimed;
    }

    private static void markSent(java.sql.Connection db, List<Long> sequences) throws SQLException {
        Array array = db.createArrayOf("bigint", sequences.toArray());
        try (PreparedStatement update = db.prepareStatement(MARK_SENT)) {
            update.setArray(1, array);
            update.executeUpdate();
        } finally {
            array.free();
        }
    }
}
