package be.tocsin.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.Recorder;

/**
 * Sends requests at a constant rate whatever the server does, and records each latency from the
 * moment the request was due, not from when it left: a slow server cannot hide its queue.
 */
public final class OpenLoop {

    /** What one run measured. */
    public record Result(String name, int targetRate, long sent, long ok, long failed, double achievedRate,
            double p50Ms, double p90Ms, double p99Ms, double maxMs) {

        public boolean sustained() {
            return failed == 0 && achievedRate >= targetRate * 0.97;
        }

        public String row() {
            return String.format("| %s | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %d |", name, targetRate,
                    achievedRate, p50Ms, p90Ms, p99Ms, maxMs, failed);
        }
    }

    private static final int MAX_OUTSTANDING = 20_000;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** {@code requests.apply(i)} builds the i-th request; a 2xx answer counts as ok. */
    public Result run(String name, int rate, Duration duration, LongFunction<HttpRequest> requests)
            throws InterruptedException {
        long total = rate * duration.toSeconds();
        long intervalNanos = 1_000_000_000L / rate;
        Recorder latencies = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (outstanding.incrementAndGet() > MAX_OUTSTANDING) {
                // The server is hopelessly behind: count it as a failure rather than pile up forever.
                outstanding.decrementAndGet();
                failed.incrementAndGet();
                done.countDown();
                continue;
            }
            client.sendAsync(requests.apply(i), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                latencies.recordValue(Math.max(0, System.nanoTime() - due) / 1_000);
                if (error == null && response.statusCode() / 100 == 2) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                outstanding.decrementAndGet();
                done.countDown();
            });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        done.await(60, TimeUnit.SECONDS);
        double elapsed = Math.max(sendSeconds, (System.nanoTime() - start) / 1e9 - 0.0);
        var histogram = latencies.getIntervalHistogram();
        return new Result(name, rate, total, ok.get(), failed.get(), ok.get() / elapsed,
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getMaxValue() / 1e3);
    }
}
