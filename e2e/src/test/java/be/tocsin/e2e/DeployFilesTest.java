package be.tocsin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * What can be checked of deploy/compose and deploy/k8s without Docker or a cluster: every file
 * parses, every service gets the settings it needs, and the manifests' references resolve
 * (kustomize resources, HPA/PDB targets, Secrets and ConfigMaps, probes, resources). Secrets are
 * referenced, never written into the manifests.
 */
class DeployFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("tocsin.e2e.root", ".."));
    private static final List<String> SERVICES = List.of("report-service", "alert-service", "operator-gateway");
    /** What every service reads from its environment to find its database, broker and Keycloak. */
    private static final List<String> REQUIRED = List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "TOCSIN_EVENTING_BROKER_HOST", "TOCSIN_EVENTING_BROKER_USERNAME",
            "TOCSIN_EVENTING_BROKER_PASSWORD", "QUARKUS_OIDC_AUTH_SERVER_URL");
    private static final List<String> CONSOLE = List.of("QUARKUS_OIDC_CONSOLE_CREDENTIALS_SECRET",
            "QUARKUS_OIDC_CONSOLE_AUTHENTICATION_STATE_SECRET", "QUARKUS_OIDC_CONSOLE_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theComposeFileRunsEveryPartWithEverySetting() throws IOException {
        JsonNode services = composeServices();
        assertThat(iterable(services.fieldNames())).containsAll(
                List.of("postgres", "rabbitmq", "keycloak", "report-service", "alert-service", "operator-gateway"));
        for (String service : SERVICES) {
            JsonNode definition = services.path(service);
            assertThat(definition.path("image").asText()).isEqualTo("tocsin/" + service + ":0.1.0-SNAPSHOT");
            assertThat(iterable(definition.path("environment").fieldNames())).as("settings of %s", service)
                    .containsAll(REQUIRED).containsAll(service.equals("report-service") ? List.of() : CONSOLE);
            assertThat(iterable(definition.path("depends_on").fieldNames())).containsExactlyInAnyOrder("postgres", "rabbitmq", "keycloak");
            definition.path("environment").fields().forEachRemaining(setting -> {
                if (setting.getKey().matches(".*(PASSWORD|SECRET).*")) {
                    assertThat(setting.getValue().asText()).as("%s of %s comes from .env", setting.getKey(), service).startsWith("${");
                }
            });
        }
        for (JsonNode volume : iterable(services.elements()).stream().flatMap(s -> iterable(s.path("volumes").elements()).stream()).toList()) {
            String source = volume.asText().split(":")[0];
            if (source.startsWith(".")) {
                assertThat(ROOT.resolve("deploy/compose").resolve(source).normalize()).as("mounted file").exists();
            }
        }
        assertThat(ROOT.resolve("deploy/compose/.env.example")).exists();
    }

    @Test
    void theKubernetesManifestsParseAndTheirReferencesResolve() throws IOException {
        Path base = ROOT.resolve("deploy/k8s/base");
        List<JsonNode> objects = new ArrayList<>();
        JsonNode kustomization = YAML.readTree(base.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = base.resolve(resource.asText());
            assertThat(file).as("kustomize resource").exists();
            objects.addAll(documents(file));
        }
        Set<String> declared = new HashSet<>();
        objects.forEach(o -> declared.add(o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()));
        assertThat(declared).contains("RabbitmqCluster/tocsin-rabbitmq", "Cluster/tocsin-postgres", "Keycloak/tocsin-keycloak",
                "ConfigMap/tocsin-config");
        assertThat(find(objects, "RabbitmqCluster").path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(find(objects, "Cluster").path("spec").path("instances").asInt()).as("a primary and a replica").isGreaterThanOrEqualTo(2);

        // Secrets the operators create, and the one each overlay generates.
        Set<String> secrets = Set.of("tocsin-postgres-app", "tocsin-rabbitmq-default-user", "tocsin-console");
        for (String service : SERVICES) {
            assertThat(declared).contains("Deployment/" + service, "Service/" + service,
                    "HorizontalPodAutoscaler/" + service, "PodDisruptionBudget/" + service);
            JsonNode container = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")
                    && o.path("metadata").path("name").asText().equals(service)).findFirst().orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
            assertThat(container.path("resources").path("requests").path("memory").isMissingNode()).isFalse();
            assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("512Mi");
            Set<String> settings = new HashSet<>();
            for (JsonNode env : container.path("env")) {
                settings.add(env.path("name").asText());
                if (env.path("name").asText().matches(".*(PASSWORD|SECRET|USERNAME).*")) {
                    assertThat(env.has("value")).as("%s of %s written in the manifest", env.path("name").asText(), service).isFalse();
                    assertThat(secrets).contains(env.path("valueFrom").path("secretKeyRef").path("name").asText());
                }
            }
            container.path("envFrom").forEach(source -> assertThat(declared).contains("ConfigMap/" + source.path("configMapRef").path("name").asText()));
            find(objects, "ConfigMap").path("data").fieldNames().forEachRemaining(settings::add);
            assertThat(settings).as("settings of %s", service).containsAll(REQUIRED)
                    .containsAll(service.equals("report-service") ? List.of() : CONSOLE);
        }
        for (JsonNode autoscaler : objects.stream().filter(o -> o.path("kind").asText().equals("HorizontalPodAutoscaler")).toList()) {
            assertThat(declared).contains("Deployment/" + autoscaler.path("spec").path("scaleTargetRef").path("name").asText());
        }
        for (String overlay : List.of("dev", "prod")) {
            Path dir = ROOT.resolve("deploy/k8s/overlays").resolve(overlay);
            JsonNode overlayKustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
            assertThat(overlayKustomization.path("resources").get(0).asText()).isEqualTo("../../base");
            assertThat(overlayKustomization.path("secretGenerator").get(0).path("name").asText()).isEqualTo("tocsin-console");
            assertThat(dir.resolve("secrets.env.example")).exists();
        }
    }

    /**
     * Containers run the services' JVM as the local scripts and the benchmarks do: the same heap
     * bounds (the 512Mi limit) and the same thread priorities (requests before background work).
     */
    @Test
    void theContainersRunTheJvmOptionsTheBenchmarksMeasured() throws IOException {
        List<String> measured = localJvmOptions();
        assertThat(measured).contains("-Xmx192m", "-XX:ThreadPriorityPolicy=1");
        JsonNode services = composeServices();
        for (String service : SERVICES) {
            assertThat(options(services.path(service).path("environment")))
                    .as("JVM options of %s in compose", service).isEqualTo(measured);
        }
        JsonNode configMap = find(documents(ROOT.resolve("deploy/k8s/base/config.yaml")), "ConfigMap");
        assertThat(options(configMap.path("data"))).as("JVM options in Kubernetes").isEqualTo(measured);
    }

    /** The options of every SERVICE_JVM_OPTIONS assignment in deploy/local/lib.sh, in order. */
    private static List<String> localJvmOptions() throws IOException {
        Matcher assignment = Pattern.compile("SERVICE_JVM_OPTIONS\\+?=\\(([^)]*)\\)")
                .matcher(Files.readString(ROOT.resolve("deploy/local/lib.sh")));
        List<String> options = new ArrayList<>();
        while (assignment.find()) {
            options.addAll(List.of(assignment.group(1).strip().split("\\s+")));
        }
        return options;
    }

    /** The compose file's services; SnakeYAML resolves the merge keys (<<: *service) the file uses. */
    private static JsonNode composeServices() throws IOException {
        return new ObjectMapper().valueToTree(new org.yaml.snakeyaml.Yaml().<Object>load(
                Files.readString(ROOT.resolve("deploy/compose/compose.yaml")))).path("services");
    }

    private static List<String> options(JsonNode environment) {
        return List.of(environment.path("JAVA_TOOL_OPTIONS").asText().strip().split("\\s+"));
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !(document instanceof MissingNode)) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static JsonNode find(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
