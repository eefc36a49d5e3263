package be.tocsin.platform.testing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Events as another service would publish them, checked against docs/events before they are sent,
 * so a consumer test can only feed its service what the contract allows.
 */
public final class ContractEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractEvents() {
    }

    /** Publishes {@code data} as an event of {@code type} straight to the broker; returns the event id. */
    public static UUID publish(String type, String source, Map<String, ?> data) throws Exception {
        UUID id = UUID.randomUUID();
        publish(type, source, id, data);
        return id;
    }

    /** The same, with a chosen id (to send a duplicate). */
    public static void publish(String type, String source, UUID id, Map<String, ?> data) throws Exception {
        String body = envelope(type, source, id, MAPPER.valueToTree(data));
        EventSchemas.assertValidEvent(body);
        String routingKey = type.replaceFirst("^be\\.tocsin\\.", "").replaceFirst("\\.v\\d+$", "");
        BrokerProbe.publishRaw(routingKey, id.toString(), body);
    }

    /** The example of a schema in docs/events, e.g. {@code report.linked}. */
    public static JsonNode example(String routingKey) {
        return EventSchemas.schemaDocument(routingKey + ".schema.json").path("examples").get(0);
    }

    static String envelope(String type, String source, UUID id, JsonNode data) throws Exception {
        ObjectNode envelope = MAPPER.createObjectNode()
                .put("specversion", "1.0").put("id", id.toString()).put("source", source).put("type", type)
                .put("time", Instant.now().toString()).put("datacontenttype", "application/json");
        envelope.set("data", data);
        return MAPPER.writeValueAsString(envelope);
    }
}
