package be.tocsin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * deploy/rabbitmq/definitions.json against the topology the three services really declare when they
 * start (read back through RabbitMQ's management API): the same exchanges, queues with the same
 * arguments, and the same bindings.
 */
class BrokerTopologyIT extends WholePlatformIT {

    @Test
    void theDefinitionsFileIsWhatTheServicesDeclare() throws Exception {
        Path root = Path.of(System.getProperty("tocsin.e2e.root", ".."));
        JsonNode file = new ObjectMapper().readTree(root.resolve("deploy/rabbitmq/definitions.json").toFile());

        assertThat(exchanges(live("exchanges"))).isEqualTo(exchanges(file.path("exchanges")));
        assertThat(queues(live("queues"))).isEqualTo(queues(file.path("queues")));
        assertThat(bindings(live("bindings"))).isEqualTo(bindings(file.path("bindings")));
    }

    private static JsonNode live(String what) throws Exception {
        return new ObjectMapper().readTree(ServiceProcess.management("GET", what + "/" + ServiceProcess.VIRTUAL_HOST));
    }

    private static Set<String> exchanges(JsonNode exchanges) {
        Set<String> names = new TreeSet<>();
        exchanges.forEach(e -> {
            if (e.path("name").asText().startsWith("tocsin.")) {
                names.add(e.path("name").asText() + " " + e.path("type").asText() + " durable=" + e.path("durable").asBoolean());
            }
        });
        return names;
    }

    private static Set<String> queues(JsonNode queues) {
        Set<String> described = new TreeSet<>();
        queues.forEach(q -> {
            String name = q.path("name").asText();
            if (!name.startsWith("probe.")) {
                described.add(name + " durable=" + q.path("durable").asBoolean() + " "
                        + new ObjectMapper().convertValue(q.path("arguments"), java.util.TreeMap.class));
            }
        });
        return described;
    }

    private static Set<String> bindings(JsonNode bindings) {
        Set<String> described = new TreeSet<>();
        bindings.forEach(b -> {
            String source = b.path("source").asText();
            if (!source.isEmpty() && !b.path("destination").asText().startsWith("probe.")) {
                described.add(source + " -> " + b.path("destination").asText() + " [" + b.path("routing_key").asText() + "]");
            }
        });
        return described;
    }
}
