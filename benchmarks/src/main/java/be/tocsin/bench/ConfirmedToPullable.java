package be.tocsin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Campaign confirmed → block request visible to an operator: an analyst (alice) confirms a
 * candidate campaign that has something to block every {@code interval}, while an operator
 * (proximus) long-polls its feed as the operator guide tells it to; the latency runs from the
 * moment the confirm is sent (its commit lies somewhere before its 200; counting from the 200 would
 * leave out the confirm's own time) to the pull that returns the campaign's BLOCK request.
 */
final class ConfirmedToPullable implements AutoCloseable {

    private static final Set<String> BLOCKABLE = Set.of("NUMBER", "NUMBER_RANGE", "CALLBACK_NUMBER");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DevRealm realm;
    private final Supplier<String> analyst;
    private final String alertBase;
    private final String gatewayBase;
    // Guarded by "this": the pull may return a campaign's request before its confirm's 200 arrives.
    private final Map<String, Long> confirmedAt = new HashMap<>();
    private final Map<String, Long> pulledAt = new HashMap<>();
    private final Set<String> tried = new HashSet<>();
    private final Recorder latencies = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private volatile boolean running = true;
    private final Thread puller;
    private volatile int confirmed;
    private volatile int pulled;

    ConfirmedToPullable(DevRealm realm, String alertBase, String gatewayBase) throws Exception {
        this.realm = realm;
        this.analyst = DevRealm.session(() -> realm.userToken("alice"));
        this.alertBase = alertBase;
        this.gatewayBase = gatewayBase;
        String start = latestCursor();
        puller = new Thread(() -> pull(start), "operator-pull");
        puller.start();
    }

    /** Confirms one campaign every {@code interval} for {@code duration}. */
    void confirmEvery(Duration interval, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            long next = System.nanoTime() + interval.toNanos();
            confirmOne();
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
        }
    }

    /** Waits for the last requests to be pulled; the confirmed → pullable latencies. */
    Histogram result(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (pulled < confirmed && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return latencies.getIntervalHistogram();
    }

    int confirmed() {
        return confirmed;
    }

    int pulled() {
        return pulled;
    }

    private void confirmOne() throws Exception {
        String analyst = this.analyst.get();
        JsonNode candidates = get(alertBase + "/api/v1/campaigns?status=CANDIDATE&sort=lastSeen&limit=20", analyst);
        for (JsonNode candidate : candidates.path("items")) {
            String id = candidate.path("id").asText();
            if (!tried.add(id)) {
                continue;
            }
            JsonNode detail = get(alertBase + "/api/v1/campaigns/" + id, analyst);
            boolean blockable = false;
            for (JsonNode indicator : detail.path("indicators")) {
                blockable |= BLOCKABLE.contains(indicator.path("type").asText());
            }
            if (!blockable) {
                continue;
            }
            long sentAt = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                    alertBase + "/api/v1/campaigns/" + id + "/confirm"))
                    .header("Authorization", "Bearer " + analyst).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Benchmark campaign\",\"note\":\"bench\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                confirmed(id, sentAt);
                return;
            }
        }
    }

    /** {@code sentAt}: when its confirm was sent, which its BLOCK request cannot be pulled before. */
    private synchronized void confirmed(String campaign, long sentAt) {
        confirmed++;
        Long pulledEarly = pulledAt.remove(campaign);
        if (pulledEarly != null) {
            record(pulledEarly, sentAt);
        } else {
            confirmedAt.put(campaign, sentAt);
        }
    }

    /** Only this benchmark confirms: a BLOCK whose confirm is not recorded yet is one still awaiting its 200. */
    private synchronized void pulled(String campaign, long at) {
        Long confirmedAt = this.confirmedAt.remove(campaign);
        if (confirmedAt != null) {
            record(at, confirmedAt);
        } else {
            pulledAt.put(campaign, at);
        }
    }

    private void record(long pulled, long confirmed) {
        latencies.recordValue((pulled - confirmed) / 1_000);
        this.pulled++;
    }

    /** The cursor after everything already in the feed, so only this run's requests are timed. */
    private String latestCursor() throws Exception {
        String operator = realm.operatorToken("proximus");
        String cursor = "0";
        while (true) {
            JsonNode page = get(gatewayBase + "/api/v1/block-requests?after=" + cursor + "&limit=500", operator);
            if (page.path("items").isEmpty()) {
                return cursor;
            }
            cursor = page.path("nextCursor").asText();
        }
    }

    private void pull(String start) {
        String cursor = start;
        Supplier<String> operator = DevRealm.session(() -> realm.operatorToken("proximus"));
        while (running) {
            try {
                JsonNode page = get(gatewayBase + "/api/v1/block-requests?after=" + cursor + "&limit=100&wait=5",
                        operator.get());
                long now = System.nanoTime();
                for (JsonNode item : page.path("items")) {
                    if ("BLOCK".equals(item.path("action").asText())) {
                        pulled(item.path("campaignId").asText(), now);
                    }
                }
                cursor = page.path("nextCursor").asText(cursor);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("operator pull failed: " + e.getMessage());
            }
        }
    }

    private JsonNode get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.read(response.body());
    }

    @Override
    public void close() {
        running = false;
        puller.interrupt();
    }
}
