package be.tocsin.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The services' queues on the benchmark's virtual host, read through RabbitMQ's management API
 * (port 15672, the AMQP URI's credentials). After an overloaded step the services keep working off
 * what queued (report-service's follow-up, the gateway's block requests); the next measurement
 * waits for that, or it would measure the aftermath with it.
 */
final class BrokerQueues {

    /** RabbitMQ's default collect_statistics_interval. */
    private static final long STATISTICS_INTERVAL_MS = 5_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI queues;
    private final String authorization;

    BrokerQueues(String amqpUri) {
        URI amqp = URI.create(amqpUri);
        String vhost = amqp.getPath() == null || amqp.getPath().length() <= 1 ? "/" : amqp.getPath().substring(1);
        queues = URI.create("http://" + amqp.getHost() + ":15672/api/queues/"
                + URLEncoder.encode(vhost, StandardCharsets.UTF_8));
        authorization = "Basic " + Base64.getEncoder().encodeToString(
                amqp.getRawUserInfo().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits until no service queue holds a message (dead-letter queues aside), at most {@code max}.
     * The API's figures are up to 5 s old, so empty counts only when read twice, 5 s apart.
     */
    void awaitDrained(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        long waiting = waiting();
        while (System.nanoTime() < deadline) {
            Thread.sleep(waiting > 0 ? 1_000 : STATISTICS_INTERVAL_MS);
            long before = waiting;
            waiting = waiting();
            if (before == 0 && waiting == 0) {
                return;
            }
        }
        if (waiting > 0) {
            System.out.printf("  %,d messages still queued after %d s; measuring anyway%n", waiting, max.toSeconds());
        }
    }

    private long waiting() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(queues).header("Authorization", authorization)
                .build(), HttpResponse.BodyHandlers.ofString());
        long waiting = 0;
        for (JsonNode queue : Json.MAPPER.readTree(response.body())) {
            String name = queue.path("name").asText();
            // The services' own queues: <service>.<purpose>, dead letters and benchmark taps aside.
            if (name.contains("-service.") || name.startsWith("operator-gateway.")) {
                waiting += name.endsWith(".dlq") ? 0 : queue.path("messages").asLong();
            }
        }
        return waiting;
    }
}
