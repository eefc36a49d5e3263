package be.tocsin.platform.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.eventing.outbox.OutboxRelay;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.BrokerProbe.Received;
import be.tocsin.platform.testing.EventSchemas;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The transactional outbox against the real PostgreSQL and RabbitMQ: what commits leaves once, what rolls back never. */
@QuarkusTest
class OutboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    TestEvents events;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    BrokerConnections broker;

    @Test
    void committedEventIsPublishedExactlyOnceAsAPersistentCloudEvent() throws Exception {
        try (BrokerProbe probe = BrokerProbe.listen("test.effect")) {
            String key = TestEvents.uniqueKey("committed");
            CloudEvent event = events.commit(key);
            String sentinel = TestEvents.uniqueKey("sentinel");
            events.commit(sentinel);

            List<Received> received = awaitBody(probe, sentinel);
            List<Received> copies = received.stream().filter(m -> m.body().contains(key)).toList();
            assertThat(copies).hasSize(1);
            Received message = copies.get(0);
            assertThat(message.routingKey()).isEqualTo("test.effect");
            assertThat(message.properties().getMessageId()).isEqualTo(event.id().toString());
            assertThat(message.properties().getContentType()).isEqualTo("application/cloudevents+json");
            assertThat(message.properties().getDeliveryMode()).isEqualTo(2);
            assertThat(message.body()).contains("\"specversion\":\"1.0\"", "\"source\":\"/platform-test\"",
                    "\"type\":\"be.tocsin.test.effect.v1\"", "\"id\":\"" + event.id() + "\"");
            EventSchemas.assertValidEnvelope(message.body());
        }
    }

    @Test
    void rolledBackEventIsNeverPublished() throws Exception {
        try (BrokerProbe probe = BrokerProbe.listen("test.effect")) {
            String key = TestEvents.uniqueKey("rolled-back");
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                outbox.publish(RecordingHandler.TYPE, Map.of("key", key));
                throw new IllegalStateException("the business change failed after the event was written");
            })).isInstanceOf(IllegalStateException.class);
            String sentinel = TestEvents.uniqueKey("sentinel");
            events.commit(sentinel);

            // The relay sends in commit order, so once the later sentinel is out, the rolled-back event
            // would have been too.
            assertThat(awaitBody(probe, sentinel)).noneMatch(m -> m.body().contains(key));
            assertThat(events.effects(key)).isZero();
        }
    }

    @Test
    void competingRelaysPublishEveryEventOnce() throws Exception {
        int count = 600;
        String key = TestEvents.uniqueKey("replicas");
        try (BrokerProbe probe = BrokerProbe.listen("test.effect");
                Connection replicas = broker.open("replica-test", false)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                // Writers and two more relays (as in two more service replicas) race the service's own relay.
                Future<?> writer = pool.submit(() -> {
                    for (int i = 0; i < count; i++) {
                        events.commit(key + i);
                    }
                });
                List<Future<Integer>> relays = new ArrayList<>();
                for (int r = 0; r < 2; r++) {
                    relays.add(pool.submit(() -> relayUntilDone(replicas, writer)));
                }
                writer.get();
                int relayedByReplicas = 0;
                for (Future<Integer> sent : relays) {
                    relayedByReplicas += sent.get();
                }
                assertThat(relayedByReplicas).isPositive();
            } finally {
                pool.shutdownNow();
            }
            String sentinel = TestEvents.uniqueKey("sentinel");
            events.commit(sentinel);
            List<Received> ours = awaitBody(probe, sentinel).stream().filter(m -> m.body().contains(key)).toList();
            Set<String> ids = ours.stream().map(m -> m.properties().getMessageId()).collect(Collectors.toSet());
            assertThat(ids).hasSize(count);
            assertThat(ours).hasSize(count);
        }
    }

    private int relayUntilDone(Connection connection, Future<?> writer) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            int total = 0;
            while (true) {
                boolean writing = !writer.isDone();
                int sent = relay.relayBatch(channel);
                total += sent;
                if (sent == 0 && !writing) {
                    return total;
                }
            }
        }
    }

    private static List<Received> awaitBody(BrokerProbe probe, String marker) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> probe.messages().stream().anyMatch(m -> m.body().contains(marker)));
        return probe.await(0, PATIENCE);
    }
}
