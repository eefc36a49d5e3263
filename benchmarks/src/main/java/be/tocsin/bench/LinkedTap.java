package be.tocsin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Listens to {@code report.linked} on a queue of its own and measures, for each report the load
 * generator saw accepted, the time from its 202 answer to its {@code report.linked}: what
 * report-service's outbox, the broker and alert-service's grouping add up to.
 */
final class LinkedTap {

    /** report id → when its 202 arrived (nanoTime); or, if report.linked came first, minus when that came. */
    private final Map<String, Long> waiting = new ConcurrentHashMap<>();
    private final Recorder latencies = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong linked = new AtomicLong();

    LinkedTap(Connection connection) throws IOException {
        Channel channel = connection.createChannel();
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, "tocsin.events", "report.linked");
        channel.basicConsume(queue, true, (tag, delivery) -> onLinked(delivery.getBody()), tag -> {
        });
    }

    /** For {@link OpenLoop.Answers}: a 202 with the report's id. */
    void accepted(long at, String body) {
        accepted.incrementAndGet();
        String id = Json.read(body).path("id").asText();
        Long linkedAt = waiting.putIfAbsent(id, at);
        if (linkedAt != null && linkedAt < 0) {
            waiting.remove(id);
            record(at, -linkedAt);
        }
    }

    private void onLinked(byte[] body) {
        long now = System.nanoTime();
        String id = Json.read(new String(body, StandardCharsets.UTF_8)).path("data").path("reportId").asText();
        Long acceptedAt = waiting.putIfAbsent(id, -now);
        if (acceptedAt != null && acceptedAt > 0) {
            waiting.remove(id);
            record(acceptedAt, now);
        }
    }

    private void record(long acceptedAt, long linkedAt) {
        latencies.recordValue(Math.max(0, linkedAt - acceptedAt) / 1_000);
        linked.incrementAndGet();
    }

    /** Accepted reports whose report.linked has not come yet. */
    long unlinked() {
        return accepted.get() - linked.get();
    }

    /** Waits until every accepted report was linked, at most {@code seconds}; whether it happened. */
    boolean awaitAllLinked(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (unlinked() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return unlinked() == 0;
    }

    /** The accepted → linked latencies since the last call. */
    Histogram interval() {
        return latencies.getIntervalHistogram();
    }
}
