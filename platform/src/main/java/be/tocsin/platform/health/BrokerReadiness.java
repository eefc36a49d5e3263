package be.tocsin.platform.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import be.tocsin.platform.eventing.inbox.EventConsumers;
import be.tocsin.platform.eventing.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready only while the relay can publish and every consumer is connected to RabbitMQ. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    private final OutboxRelay relay;
    private final EventConsumers consumers;

    public BrokerReadiness(OutboxRelay relay, EventConsumers consumers) {
        this.relay = relay;
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("RabbitMQ")
                .status(relay.connected() && consumers.healthy())
                .withData("publisher", relay.connected())
                .withData("consumers", consumers.healthy())
                .build();
    }
}
