package be.tocsin.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens to one PostgreSQL notification channel on a pooled connection it keeps, on a thread of its
 * own. PostgreSQL delivers a channel's notifications in commit order, but only to a connected
 * listener: after every (re)connection the subscriber first {@link Subscriber#resync resyncs} from
 * the tables (after {@code LISTEN}, so a commit in between is read or notified, never lost), then
 * receives each payload. While the connection is down it is told its picture is {@link Subscriber#lost lost}.
 */
public final class NotificationListener implements AutoCloseable {

    /** What the listener feeds. Called on the listener's thread only. */
    public interface Subscriber {
        /** Rebuilds the subscriber's picture from the tables, on the listening connection. */
        void resync(Connection db) throws SQLException;

        /** One notification's payload, in commit order. */
        void received(String payload);

        /** Notifications may have been missed; a resync follows once connected again. */
        void lost();
    }

    private static final Logger LOG = Logger.getLogger(NotificationListener.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]*");
    /** How long one wait for notifications lasts: also how long {@link #close} may take. */
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final String channel;
    private final Subscriber subscriber;
    private final Duration retryAfter;
    private final Thread thread;
    private volatile boolean running = true;

    public NotificationListener(DataSource dataSource, String channel, Subscriber subscriber, Duration retryAfter) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Not a plain channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.subscriber = subscriber;
        this.retryAfter = retryAfter;
        this.thread = new Thread(this::run, "listen-" + channel);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try (Connection db = dataSource.getConnection()) {
                try {
                    listen(db);
                } finally {
                    giveBack(db);
                }
            } catch (SQLException | RuntimeException e) {
                subscriber.lost();
                if (running) {
                    LOG.warnf("Listening to %s failed (%s); again in %s", channel, e.getMessage(), retryAfter);
                    pause();
                }
            }
        }
    }

    private void listen(Connection db) throws SQLException {
        // Named, so that pg_stat_activity shows which session listens (and a test can cut it).
        run(db, "SET application_name = '" + sessionName(channel) + "'", "LISTEN " + channel);
        subscriber.resync(db);
        PGConnection notifications = db.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
            if (received != null) {
                for (PGNotification notification : received) {
                    subscriber.received(notification.getParameter());
                }
            }
        }
    }

    /**
     * Leaves the connection as the pool lent it, whether listening stopped or failed: a live one must
     * not go on listening for its next borrower. And notifications are read from the driver's own
     * connection, behind the pool's back, so when the connection died there the pool does not know and
     * would lend it to its next caller (the outbox relay, say), whose work would fail: these statements,
     * sent through the pool's wrapper, let the pool see that it died and discard it when it is closed.
     */
    private void giveBack(Connection db) {
        try {
            run(db, "UNLISTEN " + channel, "RESET application_name");
        } catch (SQLException dead) {
            LOG.debugf("The listening connection is dead (%s); the pool discards it", dead.getMessage());
        }
    }

    /** The {@code application_name} of the session listening to {@code channel}. */
    public static String sessionName(String channel) {
        return "listen " + channel;
    }

    private static void run(Connection db, String... statements) throws SQLException {
        try (Statement statement = db.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryAfter.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(retryAfter.toMillis() + 5L * WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
