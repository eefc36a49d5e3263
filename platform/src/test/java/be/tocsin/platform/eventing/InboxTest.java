package be.tocsin.platform.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.eventing.inbox.Inbox;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.BrokerProbe.Received;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Idempotent consumers and dead letters, with messages injected straight into the real broker as a
 * replaying or broken producer would send them.
 */
@QuarkusTest
class InboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = RecordingHandler.QUEUE + ".dlq";

    @Inject
    TestEvents events;

    @Inject
    RecordingHandler handler;

    @Inject
    MeterRegistry metrics;

    @Inject
    Inbox inbox;

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() throws Exception {
        String key = TestEvents.uniqueKey("duplicate");
        UUID id = UUID.randomUUID();
        String envelope = events.envelope(id, Map.of("key", key));
        double duplicatesBefore = consumed("duplicate");

        BrokerProbe.publishRaw("test.effect", id.toString(), envelope);
        BrokerProbe.publishRaw("test.effect", id.toString(), envelope);

        await().atMost(PATIENCE).until(() -> consumed("duplicate") > duplicatesBefore);
        assertThat(events.effects(key)).isEqualTo(1);
        assertThat(handler.attempts(key)).isEqualTo(1);
    }

    @Test
    void aBatchRecordsItsEventsInOneGoAndKnowsEachRepeat() {
        UUID applied = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String consumer = TestEvents.uniqueKey("batch-inbox");
        QuarkusTransaction.requiringNew().run(() -> inbox.firstDelivery(consumer, applied));

        List<Boolean> firsts = QuarkusTransaction.requiringNew()
                .call(() -> inbox.firstDeliveries(consumer, List.of(fresh, applied, other, fresh)));

        // Applied before, or earlier in the same batch: not a first delivery.
        assertThat(firsts).containsExactly(true, false, true, false);
        assertThat(QuarkusTransaction.requiringNew().call(() -> inbox.firstDeliveries(consumer, List.of(other, fresh))))
                .containsExactly(false, false);
    }

    @Test
    void aPoisonMessageIsDeadLetteredAfterBoundedTriesWhileGoodOnesFlow() throws Exception {
        String poison = TestEvents.uniqueKey("poison");
        UUID poisonId = UUID.randomUUID();
        BrokerProbe.publishRaw("test.effect", poisonId.toString(),
                events.envelope(poisonId, Map.of("key", poison, "poison", true)));
        String good = TestEvents.uniqueKey("good");
        for (int i = 0; i < 20; i++) {
            events.commit(good + i);
        }

        await().atMost(PATIENCE).until(() -> events.effects(good) == 20);
        List<Received> deadLetters = awaitDeadLetter(poisonId);
        Received deadLetter = deadLetters.stream()
                .filter(m -> poisonId.toString().equals(m.properties().getMessageId())).findFirst().orElseThrow();
        assertThat(deadLetter.body()).contains(poison);
        assertThat(handler.attempts(poison)).isEqualTo(3);
        assertThat(events.effects(poison)).isZero();
    }

    /**
     * Where the JVM maps Java priorities onto the OS's (deploy/local/lib.sh), what a request does goes
     * before sending and applying events when the cores are busy.
     */
    @Test
    void eventsAreSentAndAppliedOnThreadsThatYieldToRequests() {
        String key = TestEvents.uniqueKey("priority");
        events.commit(key);

        await().atMost(PATIENCE).until(() -> events.effects(key) == 1);
        assertThat(handler.threadPriority(key)).isEqualTo(Thread.MIN_PRIORITY);
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(thread -> thread.getName().equals("outbox-relay"))
                .singleElement().extracting(Thread::getPriority).isEqualTo(Thread.MIN_PRIORITY);
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAtOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        BrokerProbe.publishRaw("test.effect", id, "{\"specversion\": \"1.0\", \"id\": \"" + id + "\", truncated");
        awaitDeadLetter(UUID.fromString(id));
    }

    private List<Received> awaitDeadLetter(UUID messageId) {
        List<Received> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            seen.addAll(BrokerProbe.drain(DEAD_LETTERS));
            return seen.stream().anyMatch(m -> messageId.toString().equals(m.properties().getMessageId()));
        });
        return seen;
    }

    private double consumed(String outcome) {
        Counter counter = metrics.find("tocsin.events.consumed")
                .tags("queue", RecordingHandler.QUEUE, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
