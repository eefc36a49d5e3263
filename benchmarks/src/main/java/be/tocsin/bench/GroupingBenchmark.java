package be.tocsin.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * alert-service's grouping, fed straight through the broker as report-service would feed it:
 * (1) how many reports per second it groups when a backlog waits in its queue, and (2) the lag from
 * publishing {@code report.received} to receiving its {@code report.linked}, at a constant 500/s.
 * The backlog is measured in several rounds and the median reported, as one round on this shared
 * box varies by a fifth from run to run; the CPU each part of the box spent per grouped report
 * (alert-service, PostgreSQL, RabbitMQ) compares two builds or two stores more steadily than those
 * rates. Prints Markdown rows for docs/benchmarks-journal.md. Usage:
 * {@code GroupingBenchmark <amqp-uri> <label> [backlog] [lag-seconds] [warm-up-seconds] [rounds]},
 * with {@code -Dbench.pids=alert-service=<pid>}.
 */
public final class GroupingBenchmark {

    private static final String EXCHANGE = "tocsin.events";
    private static final ObjectMapper MAPPER = Json.MAPPER;

    /** report id → when its report.received was published (nanoTime); removed when linked. */
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final Histogram lag = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    private volatile CountDownLatch linked = new CountDownLatch(0);
    private volatile boolean recording;
    private final Channel publisher;

    private GroupingBenchmark(Connection connection) throws Exception {
        publisher = connection.createChannel();
        publisher.confirmSelect();
        Channel listener = connection.createChannel();
        String queue = listener.queueDeclare("", false, true, true, null).getQueue();
        listener.queueBind(queue, EXCHANGE, "report.linked");
        listener.basicConsume(queue, true, (tag, delivery) -> onLinked(delivery.getBody()), tag -> {
        });
    }

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args.length > 0 ? args[0] : "amqp://tocsin:tocsin@127.0.0.1:5672/tocsin-bench");
        String label = args.length > 1 ? args[1] : "store";
        int backlog = args.length > 2 ? Integer.parseInt(args[2]) : 30_000;
        int lagSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int warmUpSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        try (Connection connection = factory.newConnection("grouping-benchmark")) {
            GroupingBenchmark benchmark = new GroupingBenchmark(connection);
            if (warmUpSeconds > 0) {
                System.out.printf("warming up: 400 reports/s for %d s%n", warmUpSeconds);
                benchmark.constantRate(400, warmUpSeconds);
            }
            CpuMeter cpu = new CpuMeter(CpuMeter.servicePids());
            Map<String, Map<String, Double>> cpuPerReport = new LinkedHashMap<>();
            double[] grouped = new double[rounds];
            cpu.start();
            for (int round = 0; round < rounds; round++) {
                System.out.printf("backlog %d of %d: %,d reports published at once%n", round + 1, rounds, backlog);
                grouped[round] = benchmark.backlog(backlog);
            }
            cpuPerReport.put(label + ": backlog", cpu.perEvent((long) backlog * rounds));
            String eachRound = Arrays.stream(grouped).mapToObj(r -> String.format("%,.0f", r))
                    .collect(Collectors.joining(" / "));
            Arrays.sort(grouped);
            System.out.printf("lag: 500 reports/s for %d s%n", lagSeconds);
            benchmark.lag.reset();
            benchmark.recording = true;
            cpu.start();
            boolean complete = benchmark.constantRate(500, lagSeconds);
            cpuPerReport.put(label + ": 500/s", cpu.perEvent(500L * lagSeconds));
            Histogram lag = benchmark.lag;
            System.out.println();
            System.out.println("| store | grouped /s (backlog, median) | rounds | lag p50 ms | lag p99 ms | lag max ms | all linked |");
            System.out.println("|---|---:|---|---:|---:|---:|---|");
            System.out.printf("| %s | %,.0f | %s | %.1f | %.1f | %.1f | %s |%n", label, grouped[rounds / 2], eachRound,
                    lag.getValueAtPercentile(50) / 1e3, lag.getValueAtPercentile(99) / 1e3, lag.getMaxValue() / 1e3,
                    complete ? "yes" : "NO (" + benchmark.pending.size() + " missing)");
            CpuMeter.printTable("CPU ms per grouped report", cpuPerReport);
        }
    }

    /** Publishes {@code count} reports as fast as confirms allow; reports per second until all are linked. */
    private double backlog(int count) throws Exception {
        linked = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            publish();
            if (i % 1_000 == 999) {
                publisher.waitForConfirmsOrDie(30_000);
            }
        }
        publisher.waitForConfirmsOrDie(30_000);
        boolean complete = linked.await(count / 50 + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!complete) {
            System.out.printf("  only %,d of %,d linked after %.0f s%n", count - linked.getCount(), count, seconds);
        }
        return (count - linked.getCount()) / seconds;
    }

    /** Publishes at a constant rate (due times fixed in advance); true when every report got linked. */
    private boolean constantRate(int perSecond, int seconds) throws Exception {
        int count = perSecond * seconds;
        linked = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publish();
        }
        publisher.waitForConfirmsOrDie(30_000);
        return linked.await(120, TimeUnit.SECONDS);
    }

    private void publish() throws Exception {
        Map<String, Object> data = ScamReports.next();
        String id = ScamReports.newId();
        ObjectNode envelope = MAPPER.createObjectNode().put("specversion", "1.0").put("id", id)
                .put("source", "/report-service").put("type", "be.tocsin.report.received.v1")
                .put("time", Instant.now().toString()).put("datacontenttype", "application/json");
        envelope.set("data", MAPPER.valueToTree(data));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(id)
                .contentType("application/cloudevents+json").deliveryMode(2).build();
        pending.put((String) data.get("reportId"), System.nanoTime());
        publisher.basicPublish(EXCHANGE, "report.received", properties, MAPPER.writeValueAsBytes(envelope));
    }

    private void onLinked(byte[] body) {
        try {
            JsonNode event = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
            Long published = pending.remove(event.path("data").path("reportId").asText());
            if (published != null) {
                if (recording) {
                    lag.recordValue(Math.max(0, (System.nanoTime() - published) / 1_000));
                }
                linked.countDown();
            }
        } catch (Exception e) {
            System.err.println("unreadable report.linked: " + e.getMessage());
        }
    }
}
