package be.tocsin.platform.eventing;

import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.eventing.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Fixtures for the eventing tests: events committed through the outbox, and raw envelopes. */
@ApplicationScoped
public class TestEvents {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    RecordingHandler handler;

    /** Commits one test event carrying {@code key}, in a transaction of its own. */
    public CloudEvent commit(String key) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.publish(RecordingHandler.TYPE, Map.of("key", key)));
    }

    /** A complete envelope as a producer would put it on the wire. */
    public String envelope(UUID id, Map<String, Object> data) throws Exception {
        CloudEvent event = CloudEvent.create("/platform-test", RecordingHandler.TYPE, mapper.valueToTree(data));
        return mapper.writeValueAsString(new CloudEvent(event.specversion(), id, event.source(), event.type(),
                event.time(), event.datacontenttype(), event.data()));
    }

    public long effects(String keyPrefix) {
        return inTransaction(() -> handler.effects(keyPrefix));
    }

    public long distinctEffectEvents(String keyPrefix) {
        return inTransaction(() -> handler.distinctEffectEvents(keyPrefix));
    }

    public static String uniqueKey(String what) {
        return what + "-" + UUID.randomUUID() + "-";
    }

    private static long inTransaction(LongSupplier query) {
        return QuarkusTransaction.requiringNew().call(query::getAsLong);
    }
}
