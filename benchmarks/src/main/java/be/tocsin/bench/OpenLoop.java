package be.tocsin.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.HdrHistogram.Recorder;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Sends requests at a constant rate whatever the server does, and records each latency from the
 * moment the request was due, not from when it left: a slow server cannot hide its queue
 * (no coordinated omission). Vert.x's client keeps a fixed pool of keep-alive connections.
 */
public final class OpenLoop implements AutoCloseable {

    /** One request to send: method, absolute URL, optional JSON body. */
    public record Call(HttpMethod method, String url, String jsonBody) {
        public static Call get(String url) {
            return new Call(HttpMethod.GET, url, null);
        }

        public static Call postJson(String url, String body) {
            return new Call(HttpMethod.POST, url, body);
        }
    }

    /** What one run measured. */
    public record Result(String name, int targetRate, long sent, long ok, long failed, double achievedRate,
            double p50Ms, double p90Ms, double p99Ms, double maxMs, SlowSeconds slowSeconds) {

        public boolean sustained() {
            return failed == 0 && achievedRate >= targetRate * 0.97 && p99Ms < 1_000;
        }

        public String row() {
            return String.format("| %s | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %d |", name, targetRate,
                    achievedRate, p50Ms, p90Ms, p99Ms, maxMs, failed);
        }
    }

    /** Sees the body of each 2xx answer and the {@code System.nanoTime()} it arrived at. */
    @FunctionalInterface
    public interface Answers {
        Answers IGNORED = (arrivedAt, body) -> {
        };

        void ok(long arrivedAt, String body);
    }

    private static final int CONNECTIONS = 64;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
            new PoolOptions().setHttp1MaxSize(CONNECTIONS).setMaxWaitQueueSize(-1));

    /** Runs {@code rate} calls per second for {@code duration}; a 2xx answer counts as ok. */
    public Result run(String name, int rate, Duration duration, LongFunction<Call> calls) throws InterruptedException {
        return run(name, rate, duration, calls, Answers.IGNORED);
    }

    /** The same, handing every 2xx answer to {@code answers}. */
    public Result run(String name, int rate, Duration duration, LongFunction<Call> calls, Answers answers)
            throws InterruptedException {
        long total = rate * duration.toSeconds();
        double perNano = rate / 1e9;
        Recorder latencies = new Recorder(3);
        SlowSeconds slowSeconds = new SlowSeconds((int) duration.toSeconds());
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime();
        AtomicLong issued = new AtomicLong();
        // Every millisecond, issue the calls that have fallen due since the last tick.
        long timer = vertx.setPeriodic(1, id -> {
            long dueNow = Math.min(total, (long) ((System.nanoTime() - start) * perNano) + 1);
            for (long i = issued.get(); i < dueNow; i++) {
                long due = start + (long) (i / perNano);
                send(calls.apply(i), due, latencies, slowSeconds.of(due - start), ok, failed, done, answers);
            }
            issued.set(Math.max(issued.get(), dueNow));
        });
        boolean finished = done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!finished) {
            failed.addAndGet(done.getCount());
        }
        var histogram = latencies.getIntervalHistogram();
        return new Result(name, rate, total, ok.get(), failed.get(), ok.get() / Math.max(elapsed, duration.toSeconds()),
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getMaxValue() / 1e3, slowSeconds);
    }

    private void send(Call call, long due, Recorder latencies, SlowSeconds.Second second, AtomicLong ok,
            AtomicLong failed, CountDownLatch done, Answers answers) {
        URI uri = URI.create(call.url());
        RequestOptions options = new RequestOptions().setMethod(call.method()).setHost(uri.getHost())
                .setPort(uri.getPort()).setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .setTimeout(30_000);
        if (call.jsonBody() != null) {
            options.putHeader("Content-Type", "application/json");
        }
        client.request(options)
                .compose(request -> call.jsonBody() == null ? request.send() : request.send(Buffer.buffer(call.jsonBody())))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
                .onComplete(result -> {
                    long arrivedAt = System.nanoTime();
                    long micros = Math.max(0, arrivedAt - due) / 1_000;
                    latencies.recordValue(micros);
                    second.record(micros);
                    if (result.succeeded() && result.result().status() / 100 == 2) {
                        ok.incrementAndGet();
                        answers.ok(arrivedAt, result.result().body().toString());
                    } else {
                        failed.incrementAndGet();
                    }
                    done.countDown();
                });
    }

    private record Answer(int status, Buffer body) {
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
