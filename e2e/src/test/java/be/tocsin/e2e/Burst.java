package be.tocsin.e2e;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Many citizens reporting at once through report-service's public API: calls from rotating
 * numbers of one fresh 1,000-number block, each from its own client address (the local proxy's
 * X-Forwarded-For, trusted by report-service), so the per-client rate limit is not what is tested.
 * Keeps the id of every report answered 202 and counts every other status.
 */
final class Burst {

    final String block = "+39069" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
    final List<UUID> accepted = Collections.synchronizedList(new ArrayList<>());
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger sent = new AtomicInteger();
    private final ServiceProcess reports;

    Burst(ServiceProcess reports) {
        this.reports = reports;
    }

    /** Sends {@code count} reports from four threads; {@code atSent} runs once when that many were sent. */
    void send(int count, int atSent, Runnable fault) throws InterruptedException {
        ExecutorService citizens = Executors.newFixedThreadPool(4);
        AtomicInteger faulted = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            int n = i;
            citizens.submit(() -> {
                if (sent.incrementAndGet() == atSent && faulted.getAndIncrement() == 0) {
                    fault.run();
                }
                report(n);
            });
        }
        citizens.shutdown();
        citizens.awaitTermination(10, TimeUnit.MINUTES);
    }

    private void report(int n) {
        String sender = block.replace("+39", "0039 ") + String.format("%03d", n % 1_000);
        try {
            Response response = given().baseUri(reports.baseUrl())
                    .header("X-Forwarded-For", "203.0." + (n / 250) + "." + (n % 250 + 1))
                    .contentType(ContentType.JSON)
                    .body(Map.of("channel", "CALL", "sender", sender, "message", "One ring and gone", "language", "en"))
                    .post("/api/v1/reports");
            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() == 202) {
                accepted.add(UUID.fromString(response.jsonPath().getString("id")));
            }
        } catch (RuntimeException e) {
            statuses.computeIfAbsent(0, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    UUID[] acceptedIds() {
        return accepted.toArray(UUID[]::new);
    }
}
