package be.tocsin.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

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
        System.out.printf("| figure | %s | %s | target | met | share of the ceiling |%n", empty.getProperty("label"),
                seeded.getProperty("label"));
        System.out.println("|---|---:|---:|---:|---|---|");
        row("reports sustained end to end /s", ingestEmpty, ingestSeeded, "≥ 3,000", ingestEmpty >= 3_000,
                String.format("%.2f of pgbench INSERT, %.2f of PerfTest", ingestEmpty / insert, ingestEmpty / publish));
        row("acceptance p99 at 1,000/s, ms", number(empty, "accept.p99.at1000"), number(seeded, "accept.p99.at1000"),
                "≤ 50", number(empty, "accept.p99.at1000") <= 50, "");
        row("acceptance p50 / p99 at the sustained rate, ms", percentiles(empty, "accept.", ".atMax"),
                percentiles(seeded, "accept.", ".atMax"), "", null, "");
        double lookups = number(empty, "lookups.sustained");
        row("lookups sustained /s", lookups, number(seeded, "lookups.sustained"), "≥ 20,000", lookups >= 20_000,
                String.format("%.2f of a trivial GET", lookups / get));
        row("lookup p50 / p99 at the sustained rate, ms", percentiles(empty, "lookups.", ""),
                percentiles(seeded, "lookups.", ""), "p99 ≤ 10", number(empty, "lookups.p99") <= 10, "");
        for (String at : new String[] { "sustained.", "" }) {
            String rate = at.isEmpty() ? "500/s" : "4/5 of the sustained rate";
            row("report accepted → linked at " + rate + ", p50 / p99 ms", percentiles(empty, at + "linked.", ""), "",
                    "p99 ≤ 1,000", number(empty, at + "linked.p99") <= 1_000, "");
            row("campaign confirmed → pullable at " + rate + ", p50 / p99 ms", percentiles(empty, at + "pullable.", "")
                    + " (" + empty.getProperty(at + "pullable.count", "—") + ")", "", "p99 ≤ 500",
                    number(empty, at + "pullable.p99") <= 500, "");
        }
        row("ingestion with the reports seeded / empty store", "", String.format("%.2f", ingestSeeded / ingestEmpty), "≥ 0.90",
                ingestSeeded / ingestEmpty >= 0.9, "");
        for (String service : new String[] { "report-service", "alert-service", "operator-gateway" }) {
            // Without a seeded run (TOCSIN_BENCH_SEEDED_REPORTS=0) only the empty store's figure counts.
            double mib = java.util.stream.DoubleStream.of(number(empty, "rss." + service), number(seeded, "rss." + service))
                    .filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN);
            row("peak resident memory of " + service + ", MiB", empty.getProperty("rss." + service, "—"),
                    seeded.getProperty("rss." + service, "—"), "≤ 512", mib <= 512, "");
        }
        System.out.println();
        System.out.printf("Ceilings in this run: trivial GET %,.0f req/s (wrk), pgbench one-row INSERT %,.0f tps, "
                + "RabbitMQ PerfTest %,.0f msg/s with confirms.%n", get, insert, publish);
    }

    private static void row(String figure, Object empty, Object seeded, String target, Boolean met, String share) {
        System.out.printf("| %s | %s | %s | %s | %s | %s |%n", figure, shown(empty), shown(seeded), target,
                met == null ? "" : met ? "yes" : "**no**", share);
    }

    private static String shown(Object value) {
        return value instanceof Double number ? String.format("%,.0f", number) : String.valueOf(value);
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
