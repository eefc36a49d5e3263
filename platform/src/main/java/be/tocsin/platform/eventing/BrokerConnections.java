package be.tocsin.platform.eventing;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opens connections to RabbitMQ and declares the exchanges every service relies on. Publishing and
 * consuming get separate connections, as RabbitMQ advises: flow control on one must not stall the other.
 */
@ApplicationScoped
public class BrokerConnections {

    private final EventingConfig config;

    public BrokerConnections(EventingConfig config) {
        this.config = config;
    }

    /**
     * A new named connection. With automatic recovery the client reconnects by itself and re-declares
     * queues, bindings and consumers; the relay does without, so that it sees every failure and retries
     * its unconfirmed batch itself.
     */
    public Connection open(String purpose, boolean automaticRecovery) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        EventingConfig.Broker broker = config.broker();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(automaticRecovery);
        factory.setTopologyRecoveryEnabled(automaticRecovery);
        factory.setNetworkRecoveryInterval(1_000);
        return factory.newConnection(config.service() + "/" + purpose);
    }

    /** Declares the event exchange and the dead-letter exchange (idempotent). */
    public void declareExchanges(Channel channel) throws IOException {
        channel.exchangeDeclare(config.exchange(), BuiltinExchangeType.TOPIC, true, false, Map.of());
        channel.exchangeDeclare(config.deadLetterExchange(), BuiltinExchangeType.DIRECT, true, false, Map.of());
    }
}
