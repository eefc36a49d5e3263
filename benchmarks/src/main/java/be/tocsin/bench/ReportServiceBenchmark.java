package be.tocsin.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;

/**
 * report-service under constant-rate load: report acceptance at 1,000/s and in rising steps to find
 * the highest sustained rate, then lookups the same way on the numbers just reported and on numbers
 * nobody reported; and the CPU one report and one lookup cost at a rate the box carries (500 and
 * 5,000/s), which compares two builds far more steadily than their highest rates on a shared box.
 * Prints Markdown tables for docs/benchmarks-journal.md. Usage: {@code ReportServiceBenchmark <base-url>
 * [seconds]}, with {@code -Dbench.pids=report-service=<pid>}.
 */
public final class ReportServiceBenchmark {

    // Reports spread over 20,000 numbers in 200 blocks, as a rotating-number campaign would.
    private static final int NUMBERS = 20_000;
    private static final int REPORT_RATE_FOR_CPU = 500;
    private static final int LOOKUP_RATE_FOR_CPU = 5_000;

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8091";
        Duration step = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 20);
        try (OpenLoop load = new OpenLoop()) {
            measure(load, base, step);
        }
    }

    private static void measure(OpenLoop load, String base, Duration step) throws InterruptedException {
        List<OpenLoop.Result> results = new ArrayList<>();
        CpuMeter cpu = new CpuMeter(CpuMeter.servicePids());
        Map<String, Map<String, Double>> cpuPerRequest = new LinkedHashMap<>();

        // On 2 cores the JIT needs minutes of traffic before the figures settle (docs/benchmarks-journal.md).
        System.out.println("warming up (reports at 400/s for 60 s, lookups at 2,000/s for 30 s)...");
        load.run("warm-up", 400, Duration.ofSeconds(60), i -> report(base));
        load.run("warm-up", 2_000, Duration.ofSeconds(30), i -> lookup(base));

        results.add(load.run("trivial GET /q/health/live", 5_000, step, i -> get(base + "/q/health/live")));
        results.add(load.run("POST /api/v1/reports", 1_000, step, i -> report(base)));
        for (int rate : new int[] { REPORT_RATE_FOR_CPU, 750, 1_500, 2_000, 3_000, 4_000 }) {
            cpu.start();
            OpenLoop.Result result = load.run("POST /api/v1/reports", rate, step, i -> report(base));
            if (rate == REPORT_RATE_FOR_CPU) {
                cpuPerRequest.put("report at " + rate + "/s", cpu.perEvent(result.ok()));
            }
            results.add(result);
            if (!result.sustained()) {
                break;
            }
        }
        lookups(load, cpu, step, "lookup", i -> lookup(base), results, cpuPerRequest);
        lookups(load, cpu, step, "lookup nobody reported", i -> lookupOfAnUnknownNumber(base), results, cpuPerRequest);

        System.out.println();
        System.out.println("| endpoint | target /s | achieved /s | p50 ms | p90 ms | p99 ms | max ms | failed |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        results.forEach(result -> System.out.println(result.row()));
        CpuMeter.printTable("CPU ms per request", cpuPerRequest);
    }

    /** Lookups in rising steps until one is not sustained; the CPU per lookup at the step that compares builds. */
    private static void lookups(OpenLoop load, CpuMeter cpu, Duration step, String name, LongFunction<OpenLoop.Call> request,
            List<OpenLoop.Result> results, Map<String, Map<String, Double>> cpuPerRequest) throws InterruptedException {
        for (int rate : new int[] { 2_000, LOOKUP_RATE_FOR_CPU, 10_000, 15_000, 20_000, 25_000 }) {
            cpu.start();
            OpenLoop.Result result = load.run("GET /api/v1/numbers/{n}, " + name, rate, step, request);
            if (rate == LOOKUP_RATE_FOR_CPU) {
                cpuPerRequest.put(name + " at " + rate + "/s", cpu.perEvent(result.ok()));
            }
            results.add(result);
            if (!result.sustained()) {
                break;
            }
        }
    }

    private static String randomNumber() {
        int n = ThreadLocalRandom.current().nextInt(NUMBERS);
        return String.format("+390690%03d%02d", n / 100, n % 100);
    }

    private static OpenLoop.Call report(String base) {
        return OpenLoop.Call.postJson(base + "/api/v1/reports", "{\"channel\":\"CALL\",\"sender\":\"" + randomNumber()
                + "\",\"message\":\"One ring, then nothing\",\"language\":\"fr\"}");
    }

    private static OpenLoop.Call lookup(String base) {
        return get(base + "/api/v1/numbers/" + randomNumber().replace("+", "%2B"));
    }

    /**
     * A number nobody reported, as apps asking about every incoming call mostly send: the Italian
     * +3907 numbering this benchmark never reports.
     */
    private static OpenLoop.Call lookupOfAnUnknownNumber(String base) {
        return get(String.format("%s/api/v1/numbers/%%2B3907%08d", base, ThreadLocalRandom.current().nextInt(100_000_000)));
    }

    private static OpenLoop.Call get(String url) {
        return OpenLoop.Call.get(url);
    }
}
