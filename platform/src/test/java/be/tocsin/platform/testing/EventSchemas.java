package be.tocsin.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks events against their contract in {@code docs/events/}: the envelope against
 * {@code cloudevent.schema.json}, the data against {@code <routing key>.schema.json}.
 */
public final class EventSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventSchemas() {
    }

    /** The folder holding the schemas: the build passes it in, else it is found above the working dir. */
    public static Path directory() {
        String configured = System.getProperty("tocsin.events.dir");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/events");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/events not found above " + Paths.get("").toAbsolutePath());
    }

    /** Validates a whole message body; throws AssertionError listing every violation. */
    public static void assertValidEvent(String body) {
        JsonNode event = read(body);
        assertValid(event, "cloudevent.schema.json");
        String type = event.path("type").asText();
        String routingKey = type.replaceFirst("^be\\.tocsin\\.", "").replaceFirst("\\.v\\d+$", "");
        assertValid(event.path("data"), routingKey + ".schema.json");
    }

    /** Validates only the envelope, for event types that exist in tests only. */
    public static void assertValidEnvelope(String body) {
        assertValid(read(body), "cloudevent.schema.json");
    }

    public static void assertValid(JsonNode document, String schemaFile) {
        Set<ValidationMessage> errors = schema(schemaFile).validate(document);
        if (!errors.isEmpty()) {
            throw new AssertionError(schemaFile + " rejects " + document + ":\n  "
                    + errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("\n  ")));
        }
    }

    /** A schema file as plain JSON (to read its examples). */
    public static JsonNode schemaDocument(String schemaFile) {
        try {
            return MAPPER.readTree(directory().resolve(schemaFile).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonSchema schema(String schemaFile) {
        Path file = directory().resolve(schemaFile);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("No schema " + file + ": every event type needs one");
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(file)) {
            return FACTORY.getSchema(in, config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }
}
