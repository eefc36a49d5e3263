package be.tocsin.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the two cores go: CPU time (user + system, from /proc) of each service, PostgreSQL (all its
 * backends), RabbitMQ, Keycloak and the load generator itself, between {@link #start()} and
 * {@link #perEvent(long)}; and, as a part of the services' own time, what their JIT compiler threads
 * spent: a step measured while the JIT still compiles shows the start-up, not the steady state.
 * Linux only; a process not found counts zero.
 */
final class CpuMeter {

    /** The services' JIT compiler threads: already counted in each service's time, not added to "all". */
    static final String JIT = "of which services' JIT";
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private final Map<String, String> services;
    private Map<String, Double> before = Map.of();

    /** {@code services}: name → pid of the processes measured one by one. */
    CpuMeter(Map<String, String> services) {
        this.services = services;
    }

    /** The services named by {@code -Dbench.pids=name=pid,name=pid} (bench.sh sets it). */
    static Map<String, String> servicePids() {
        Map<String, String> pids = new LinkedHashMap<>();
        for (String entry : System.getProperty("bench.pids", "").split(",")) {
            if (entry.contains("=")) {
                pids.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
            }
        }
        return pids;
    }

    void start() {
        before = sample();
    }

    /** CPU milliseconds per event for each part, over {@code events} events since {@link #start()}. */
    Map<String, Double> perEvent(long events) {
        Map<String, Double> after = sample();
        Map<String, Double> perEvent = new LinkedHashMap<>();
        after.forEach((part, seconds) -> perEvent.put(part,
                (seconds - before.getOrDefault(part, 0.0)) * 1_000 / Math.max(1, events)));
        return perEvent;
    }

    /** A Markdown table: one row per measured step, one column per part, and their sum. */
    static void printTable(String title, Map<String, Map<String, Double>> perStep) {
        if (perStep.isEmpty()) {
            return;
        }
        List<String> parts = List.copyOf(perStep.values().iterator().next().keySet());
        System.out.println();
        List<String> added = parts.stream().filter(part -> !part.equals(JIT)).toList();
        System.out.println("| " + title + " | " + String.join(" | ", added) + " | all | " + JIT + " |");
        System.out.println("|---" + "|---:".repeat(added.size() + 2) + "|");
        perStep.forEach((step, perPart) -> {
            StringBuilder row = new StringBuilder("| " + step + " |");
            added.forEach(part -> row.append(String.format(" %.3f |", perPart.get(part))));
            row.append(String.format(" %.3f |", added.stream().mapToDouble(perPart::get).sum()));
            row.append(String.format(" %.3f |", perPart.getOrDefault(JIT, 0.0)));
            System.out.println(row);
        });
    }

    /** The share of the services' CPU time since {@link #start()} that went to their JIT compilers. */
    double servicesJitShare() {
        Map<String, Double> after = sample();
        double services = this.services.keySet().stream()
                .mapToDouble(name -> after.get(name) - before.getOrDefault(name, 0.0)).sum();
        double jit = after.get(JIT) - before.getOrDefault(JIT, 0.0);
        return services > 0 ? jit / services : 0;
    }

    private Map<String, Double> sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        services.forEach((name, pid) -> seconds.put(name, cpuSeconds(Path.of("/proc", pid))));
        seconds.put(JIT, services.values().stream().mapToDouble(pid -> compilerSeconds(Path.of("/proc", pid))).sum());
        seconds.put("PostgreSQL", 0.0);
        seconds.put("RabbitMQ", 0.0);
        seconds.put("Keycloak", 0.0);
        seconds.put("load generator", cpuSeconds(Path.of("/proc/self")));
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String part = partOf(process);
                if (part != null) {
                    seconds.merge(part, cpuSeconds(process), Double::sum);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return seconds;
    }

    private static String partOf(Path process) {
        try {
            String command = Files.readString(process.resolve("comm")).trim();
            if (command.startsWith("postgres")) {
                return "PostgreSQL";
            }
            if (command.equals("beam.smp")) {
                return "RabbitMQ";
            }
            if (command.equals("java") && Files.readString(process.resolve("cmdline")).contains("keycloak")) {
                return "Keycloak";
            }
        } catch (IOException gone) {
            // The process ended while we looked.
        }
        return null;
    }

    /** CPU time of a JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"). */
    private static double compilerSeconds(Path process) {
        double seconds = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        seconds += cpuSeconds(thread);
                    }
                } catch (IOException gone) {
                    // The thread ended while we looked (compiler threads come and go with the load).
                }
            }
        } catch (IOException gone) {
            // The process is not there.
        }
        return seconds;
    }

    private static double cpuSeconds(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
