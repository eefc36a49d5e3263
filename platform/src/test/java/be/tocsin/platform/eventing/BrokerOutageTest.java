package be.tocsin.platform.eventing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.BrokerControl;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.BrokerProbe.Received;
import io.quarkus.test.junit.QuarkusTest;

/** Events committed while RabbitMQ is stopped wait in the outbox and all leave, once, when it returns. */
@QuarkusTest
class BrokerOutageTest {

    private static final int EVENTS = 50;

    @jakarta.inject.Inject
    TestEvents events;

    @Test
    void eventsCommittedWhileTheBrokerIsDownArePublishedWhenItReturns() throws Exception {
        String key = TestEvents.uniqueKey("outage");
        try (BrokerProbe probe = BrokerProbe.listen("test.effect")) {
            BrokerControl.stop();
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                        .then().statusCode(503).body("checks.name", hasItem("RabbitMQ")));
                for (int i = 0; i < EVENTS; i++) {
                    events.commit(key + i);
                }
            } finally {
                BrokerControl.start();
            }

            List<Received> ours = probe.await(EVENTS, Duration.ofSeconds(60)).stream()
                    .filter(m -> m.body().contains(key)).toList();
            Set<String> ids = ours.stream().map(m -> m.properties().getMessageId()).collect(Collectors.toSet());
            assertThat(ids).hasSize(EVENTS);
            assertThat(ours).hasSize(EVENTS);
            // The consumer's connection recovers by itself and applies every event once.
            await().atMost(Duration.ofSeconds(60)).until(() -> events.effects(key) == EVENTS);
            assertThat(events.distinctEffectEvents(key)).isEqualTo(EVENTS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(200));
        }
    }
}
