package be.tocsin.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** A LISTEN session on a pooled connection, against the real PostgreSQL, cut as a database restart would cut it. */
@QuarkusTest
class NotificationListenerTest {

    private static final String CHANNEL = "listener_test";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    Sql sql;
    @Inject
    @io.quarkus.agroal.DataSource("one-connection")
    DataSource oneConnection;

    private final AtomicInteger resyncs = new AtomicInteger();
    private final AtomicInteger losses = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @Test
    void aSessionTheDatabaseCutIsNotLentToTheNextCallerAndListeningResumes() throws SQLException {
        try (NotificationListener listener = new NotificationListener(oneConnection, CHANNEL, subscriber(), Duration.ofSeconds(3))) {
            listener.start();
            await().atMost(PATIENCE).until(() -> resyncs.get() == 1);
            notify("before");
            await().atMost(PATIENCE).until(() -> received.contains("before"));

            cutTheListeningSession();
            await().atMost(PATIENCE).until(() -> losses.get() == 1);

            // The listener waits before connecting again: the pool's one connection is this caller's.
            try (Connection next = oneConnection.getConnection(); Statement statement = next.createStatement();
                    ResultSet one = statement.executeQuery("SELECT 1")) {
                assertThat(one.next()).isTrue();
            }

            await().atMost(PATIENCE).until(() -> resyncs.get() == 2);
            notify("after");
            await().atMost(PATIENCE).until(() -> received.contains("after"));
        }
    }

    private NotificationListener.Subscriber subscriber() {
        return new NotificationListener.Subscriber() {
            @Override
            public void resync(Connection db) {
                resyncs.incrementAndGet();
            }

            @Override
            public void received(String payload) {
                received.add(payload);
            }

            @Override
            public void lost() {
                losses.incrementAndGet();
            }
        };
    }

    private void notify(String payload) {
        QuarkusTransaction.requiringNew().run(() -> sql.rows("SELECT pg_notify(?, ?)", CHANNEL, payload));
    }

    private void cutTheListeningSession() {
        List<Boolean> cut = QuarkusTransaction.requiringNew().call(() -> sql.column(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?",
                NotificationListener.sessionName(CHANNEL)));
        assertThat(cut).containsExactly(true);
    }
}
