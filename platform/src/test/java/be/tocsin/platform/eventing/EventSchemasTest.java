package be.tocsin.platform.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import be.tocsin.platform.testing.EventSchemas;

/** The contract in docs/events holds together: one schema per event type, each example valid. */
class EventSchemasTest {

    @Test
    void everyEventTypeHasASchemaWhoseExampleIsValid() throws Exception {
        for (String type : eventTypes()) {
            String file = EventTypes.routingKey(type) + ".schema.json";
            JsonNode examples = EventSchemas.schemaDocument(file).path("examples");
            assertThat(examples.size()).as(file + " examples").isPositive();
            examples.forEach(example -> EventSchemas.assertValid(example, file));
        }
    }

    @Test
    void theEnvelopeExampleIsValid() {
        EventSchemas.schemaDocument("cloudevent.schema.json").path("examples")
                .forEach(example -> EventSchemas.assertValid(example, "cloudevent.schema.json"));
    }

    @Test
    void everySchemaFileBelongsToAnEventType() throws IOException {
        List<String> keys = eventTypes().stream().map(EventTypes::routingKey).toList();
        try (var files = Files.list(EventSchemas.directory())) {
            files.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".schema.json"))
                    .filter(name -> !name.equals("cloudevent.schema.json"))
                    .forEach(name -> assertThat(keys).contains(name.replace(".schema.json", "")));
        }
    }

    private static List<String> eventTypes() {
        return Arrays.stream(EventTypes.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(field -> {
                    try {
                        return (String) field.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
