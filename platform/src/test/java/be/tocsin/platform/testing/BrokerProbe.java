package be.tocsin.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * Watches what really reaches the broker: a durable queue of its own, bound to {@code tocsin.events}
 * with the given routing keys, read with basic.get on a fresh connection each time, so it keeps
 * counting across a broker restart. Deleted on close.
 */
public final class BrokerProbe implements AutoCloseable {

    /** One message as the broker delivered it. */
    public record Received(String routingKey, AMQP.BasicProperties properties, String body) {
    }

    private final String queue = "probe." + UUID.randomUUID();
    private final List<Received> received = new ArrayList<>();

    private BrokerProbe() {
    }

    /** A probe bound to the given routing keys ({@code #} for everything). */
    public static BrokerProbe listen(String... routingKeys) throws Exception {
        BrokerProbe probe = new BrokerProbe();
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            Config config = ConfigProvider.getConfig();
            String exchange = config.getOptionalValue("tocsin.eventing.exchange", String.class).orElse("tocsin.events");
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(probe.queue, true, false, false, Map.of("x-queue-type", "classic"));
            for (String key : routingKeys) {
                channel.queueBind(probe.queue, exchange, key);
            }
        }
        return probe;
    }

    /** Opens a connection with the service's own broker settings. */
    public static Connection connect() throws Exception {
        Config config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getOptionalValue("tocsin.eventing.broker.host", String.class).orElse("localhost"));
        factory.setPort(config.getOptionalValue("tocsin.eventing.broker.port", Integer.class).orElse(5672));
        factory.setUsername(config.getOptionalValue("tocsin.eventing.broker.username", String.class).orElse("guest"));
        factory.setPassword(config.getOptionalValue("tocsin.eventing.broker.password", String.class).orElse("guest"));
        factory.setVirtualHost(config.getOptionalValue("tocsin.eventing.broker.virtual-host", String.class).orElse("/"));
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("test-probe");
    }

    /** Every message received so far, in arrival order. */
    public synchronized List<Received> messages() throws Exception {
        received.addAll(drain(queue));
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} messages arrived, then returns all of them. */
    public List<Received> await(int count, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> messages().size() >= count);
        try {
            return messages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes every message now in {@code queue} (any queue: a dead-letter queue, say). */
    public static List<Received> drain(String queue) throws Exception {
        List<Received> messages = new ArrayList<>();
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                messages.add(new Received(response.getEnvelope().getRoutingKey(), response.getProps(),
                        new String(response.getBody(), StandardCharsets.UTF_8)));
            }
        }
        return messages;
    }

    /** Publishes raw bytes straight to the exchange, as a misbehaving or replaying producer would. */
    public static void publishRaw(String routingKey, String messageId, String body) throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .messageId(messageId).contentType("application/cloudevents+json").deliveryMode(2).build();
            String exchange = ConfigProvider.getConfig()
                    .getOptionalValue("tocsin.eventing.exchange", String.class).orElse("tocsin.events");
            channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    @Override
    public void close() throws IOException {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
