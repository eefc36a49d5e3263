package be.tocsin.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One packaged service ({@code <module>/target/quarkus-app}) running as its own process in prod
 * mode, on the end-to-end database {@code tocsin_<short>_e2e} and broker virtual host
 * {@code tocsin-e2e} that deploy/local/test.sh prepares. Its log goes to {@code e2e/target/logs/}.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String VIRTUAL_HOST = "tocsin-e2e";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String module;
    private final int port;
    private final List<String> command;
    private final Path log;
    /** Where this service's lines begin in its log, which earlier test classes on the same port share. */
    private final long logStart;
    private Process process;

    private ServiceProcess(String module, int port, List<String> command, Path log) throws IOException {
        this.module = module;
        this.port = port;
        this.command = command;
        this.log = log;
        this.logStart = Files.exists(log) ? Files.size(log) : 0;
    }

    /**
     * Starts {@code module} on {@code port} and waits until it is ready. {@code cleanDatabase}
     * empties its database and its queues first (only the first instance of a service may do so):
     * events an earlier test published for a service that was not running wait in its queues.
     */
    public static ServiceProcess start(String module, int port, boolean cleanDatabase, Map<String, String> settings)
            throws IOException {
        Path root = Path.of(System.getProperty("tocsin.e2e.root", ".."));
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify does)");
        }
        if (cleanDatabase) {
            emptyQueues(module);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + E2eDatabase.url(module),
                "-Dtocsin.eventing.broker.virtual-host=" + VIRTUAL_HOST,
                "-Dquarkus.flyway.clean-disabled=" + !cleanDatabase,
                "-Dquarkus.flyway.clean-at-start=" + cleanDatabase,
                "-Dquarkus.log.console.format=%d{HH:mm:ss.SSS} %-5p [%c{2.}] %s%e%n"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Path logs = Path.of("target", "logs");
        Files.createDirectories(logs);
        ServiceProcess service = new ServiceProcess(module, port, command, logs.resolve(module + "-" + port + ".log"));
        service.launch();
        return service;
    }

    public static ServiceProcess start(String module, int port, boolean cleanDatabase) throws IOException {
        return start(module, port, cleanDatabase, Map.of());
    }

    /** Starts the same process again (after {@link #kill()}), keeping its database, appending to its log. */
    public void restart() throws IOException {
        command.replaceAll(argument -> argument.startsWith("-Dquarkus.flyway.clean-at-start=")
                ? "-Dquarkus.flyway.clean-at-start=false" : argument);
        launch();
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // Never outlive the test JVM, even when a test fails before its clean-up: the next run needs the port.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(module + " exited; see " + log.toAbsolutePath());
                    }
                    return get("/q/health/ready").statusCode() == 200;
                });
    }

    /** Empties every queue of {@code module} ({@code <module>.*}, dead letters too) through RabbitMQ's management API. */
    private static void emptyQueues(String module) throws IOException {
        for (var queue : new ObjectMapper().readTree(management("GET", "queues/" + VIRTUAL_HOST + "?columns=name"))) {
            String name = queue.path("name").asText();
            if (name.startsWith(module + ".")) {
                management("DELETE", "queues/" + VIRTUAL_HOST + "/" + name + "/contents");
            }
        }
    }

    /**
     * One call to RabbitMQ's management API ({@code path} under {@code /api/}) as the user
     * deploy/local/lib.sh tags for it; the body of its 2xx answer.
     */
    static String management(String method, String path) throws IOException {
        String credentials = Base64.getEncoder().encodeToString("tocsin:tocsin".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:15672/api/" + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + credentials)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(method + " /api/" + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " /api/" + path, e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one Prometheus counter line whose labels contain every given fragment (0 when absent). */
    public double metric(String name, String... labelFragments) throws IOException, InterruptedException {
        double total = 0;
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(get("/q/metrics").body());
        while (matcher.find()) {
            String labels = matcher.group(1);
            if (List.of(labelFragments).stream().allMatch(labels::contains)) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }

    /** What this service has logged since it was started (restarts included), line by line. */
    public List<String> logLines() throws IOException {
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(logStart);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    public Optional<Long> pid() {
        return process == null ? Optional.empty() : Optional.of(process.pid());
    }

    /** SIGKILL: no shutdown hook, no graceful drain, as when a machine dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
