package be.tocsin.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.DoublePredicate;

/**
 * The one table of a platform benchmark run: each figure next to its target and as a share of the
 * ceiling measured in the same run (trivial GET, pgbench one-row INSERT, RabbitMQ PerfTest), and the
 * store-size ratio. Usage: {@code BenchmarkSummary <ceilings> <empty-store figures> <seeded figures>}.
 */
public final class BenchmarkSummary {

    private final Properties ceilings;
    private final Properties empty;
    private final Properties seeded;

    private BenchmarkSummary(Properties ceilings, Properties empty, Properties seeded) {
        this.ceilings = ceilings;
        this.empty = empty;
        this.seeded = seeded;
    }

    public static void main(String[] args) throws IOException {
        new BenchmarkSummary(load(args[0]), load(args[1]), load(args[2])).print();
    }

    private void print() {
        double get = number(ceilings, "get");
        double insert = number(ceilings, "insert");
        double publish = number(ceilings, "publish");
        double ingestEmpty = number(empty, "ingestion.sustained");
        double ingestSeeded = number(seeded, "ingestion.sustained");
        // A narrower run (TOCSIN_BENCH_SEEDED_REPORTS=0, steps left out) leaves figures unmeasured:
        // they show as "—" and their targets as not measured, never as missed.
        System.out.printf("| figure | %s | %s | target | met | share of the ceiling |%n", empty.getProperty("label", "empty store"),
                seeded.getProperty("label", "stored reports: not run"));
        System.out.println("|---|---:|---:|---:|---|---|");
        row("reports sustained end to end /s", ingestEmpty, ingestSeeded, "≥ 3,000", met(ingestEmpty, v -> v >= 3_000),
                String.format("%.2f of pgbench INSERT, %.2f of PerfTest", ingestEmpty / insert, ingestEmpty / publish));
        row("acceptance p99 at 1,000/s, ms", number(empty, "accept.p99.at1000"), number(seeded, "accept.p99.at1000"),
                "≤ 50", met(number(empty, "accept.p99.at1000"), v -> v <= 50), "");
        row("acceptance p50 / p99 at the sustained rate, ms", percentiles(empty, "accept.", ".atMax"),
                percentiles(seeded, "accept.", ".atMax"), "", "", "");
        // The target is a rate and a p99 together: the highest step that kept its p99 within 10 ms.
        double lookups = number(empty, "lookups.within-target");
        row("lookups /s with p99 ≤ 10 ms", lookups, number(seeded, "lookups.within-target"), "≥ 20,000",
                met(lookups, v -> v >= 20_000), String.format("%.2f of a trivial GET", lookups / get));
        double sustained = number(empty, "lookups.sustained");
        row("lookups sustained /s (any p99 under 1 s)", sustained, number(seeded, "lookups.sustained"), "", "",
                String.format("%.2f of a trivial GET", sustained / get));
        row("lookup p50 / p99 at the sustained rate, ms", percentiles(empty, "lookups.", ""),
                percentiles(seeded, "lookups.", ""), "", "", "");
        for (String at : new String[] { "sustained.", "" }) {
            String rate = at.isEmpty() ? "500/s" : "4/5 of the sustained rate";
            row("report accepted → linked at " + rate + ", p50 / p99 ms", percentiles(empty, at + "linked.", ""), "",
                    "p99 ≤ 1,000", met(number(empty, at + "linked.p99"), v -> v <= 1_000), "");
            row("campaign confirmed → pullable at " + rate + ", p50 / p99 ms", percentiles(empty, at + "pullable.", "")
                    + " (" + empty.getProperty(at + "pullable.count", "—") + ")", "", "p99 ≤ 500",
                    met(number(empty, at + "pullable.p99"), v -> v <= 500), "");
        }
        double ratio = ingestSeeded / ingestEmpty;
        row("ingestion with the reports seeded / empty store", "", Double.isNaN(ratio) ? "—" : String.format("%.2f", ratio),
                "≥ 0.90", met(ratio, v -> v >= 0.9), "");
        for (String service : new String[] { "report-service", "alert-service", "operator-gateway" }) {
            // Without a seeded run (TOCSIN_BENCH_SEEDED_REPORTS=0) only the empty store's figure counts.
            double mib = java.util.stream.DoubleStream.of(number(empty, "rss." + service), number(seeded, "rss." + service))
                    .filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN);
            row("peak resident memory of " + service + ", MiB", empty.getProperty("rss." + service, "—"),
                    seeded.getProperty("rss." + service, "—"), "≤ 512", met(mib, v -> v <= 512), "");
        }
        System.out.println();
        System.out.printf("Ceilings in this run: trivial GET %s req/s (wrk), pgbench one-row INSERT %s tps, "
                + "RabbitMQ PerfTest %s msg/s with confirms.%n", shown(get), shown(insert), shown(publish));
        double brokerCores = number(ceilings, "broker-cores-at-target");
        if (!Double.isNaN(brokerCores)) {
            System.out.printf("RabbitMQ alone, carrying the 6,000 events/s of 3,000 reports/s (PerfTest at that constant "
                    + "rate), used %.2f of the box's %d cores.%n", brokerCores, Runtime.getRuntime().availableProcessors());
        }
    }

    private static void row(String figure, Object empty, Object seeded, String target, String met, String share) {
        System.out.printf("| %s | %s | %s | %s | %s | %s |%n", figure, shown(empty), shown(seeded), target, met,
                share.contains("NaN") ? "" : share);
    }

    /** Whether a target is met; a figure the run did not measure meets nothing and misses nothing. */
    private static String met(double figure, DoublePredicate target) {
        return Double.isNaN(figure) ? "not measured" : target.test(figure) ? "yes" : "**no**";
    }

    private static String shown(Object value) {
        if (value instanceof Double number) {
            return number.isNaN() ? "—" : String.format("%,.0f", number);
        }
        return String.valueOf(value);
    }

    /** "p50 / p99" of the figures {@code <prefix>p50<suffix>} and {@code <prefix>p99<suffix>}. */
    private static String percentiles(Properties figures, String prefix, String suffix) {
        return figures.getProperty(prefix + "p50" + suffix, "—") + " / " + figures.getProperty(prefix + "p99" + suffix, "—");
    }

    private static double number(Properties figures, String key) {
        String value = figures.getProperty(key, "");
        return value.isBlank() ? Double.NaN : Double.parseDouble(value);
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            properties.load(reader);
        }
        return properties;
    }
}
