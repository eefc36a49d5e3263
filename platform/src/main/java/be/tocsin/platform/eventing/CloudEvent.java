package be.tocsin.platform.eventing;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.persistence.Ids;

/**
 * The CloudEvents 1.0 structured JSON envelope every Tocsin event travels in (contracts.md, "Events").
 * The {@code id} is also the AMQP message-id and the key consumers deduplicate on.
 */
public record CloudEvent(String specversion, UUID id, String source, String type, Instant time,
        String datacontenttype, JsonNode data) {

    /** AMQP content type of every message on {@code tocsin.events}. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String SPEC_VERSION = "1.0";

    /** A new event with a fresh id, stamped now. */
    public static CloudEvent create(String source, String type, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, Ids.next(), source, type,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "application/json", data);
    }

    /**
     * Reads an envelope off the wire, refusing anything that is not a complete Tocsin event: such a
     * message can never be processed, however often it is retried.
     */
    public static CloudEvent parse(ObjectMapper mapper, byte[] body) throws IOException {
        CloudEvent event = mapper.readValue(body, CloudEvent.class);
        if (!SPEC_VERSION.equals(event.specversion()) || event.id() == null || event.type() == null
                || event.source() == null || event.data() == null || event.data().isNull()) {
            throw new IOException("not a CloudEvents 1.0 envelope with id, source, type and data");
        }
        EventTypes.routingKey(event.type());
        return event;
    }

    public String routingKey() {
        return EventTypes.routingKey(type);
    }

    /** The payload as the consumer's own record (the contract is the JSON, not a shared class). */
    public <T> T dataAs(ObjectMapper mapper, Class<T> recordType) {
        return mapper.convertValue(data, recordType);
    }
}
