package be.tocsin.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Each second of a run (by the requests' due time): its slowest request and how many took longer
 * than each of issue 8's latency targets (10 ms for a lookup, 50 ms for an acceptance). A p99 says
 * how long the slowest hundredth waited, not whether they were spread over the minute (a box that is
 * simply full) or bunched in a few seconds (a stall: a collection, a checkpoint, a lock);
 * {@link #summary(int)} tells which.
 */
public final class SlowSeconds {

    private static final int[] THRESHOLDS_MS = {
            PlatformBenchmark.LOOKUP_P99_TARGET_MS, PlatformBenchmark.ACCEPTANCE_P99_TARGET_MS };

    /** One second's counters. */
    public final class Second {
        private final int index;

        private Second(int index) {
            this.index = index;
        }

        void record(long micros) {
            max.accumulateAndGet(index, micros, Math::max);
            for (int t = 0; t < THRESHOLDS_MS.length; t++) {
                if (micros > THRESHOLDS_MS[t] * 1_000L) {
                    over[t].incrementAndGet(index);
                }
            }
        }
    }

    private final int seconds;
    private final AtomicLongArray max;
    private final AtomicLongArray[] over = new AtomicLongArray[THRESHOLDS_MS.length];
    private final Second[] each;

    SlowSeconds(int seconds) {
        this.seconds = seconds;
        max = new AtomicLongArray(seconds);
        for (int t = 0; t < THRESHOLDS_MS.length; t++) {
            over[t] = new AtomicLongArray(seconds);
        }
        each = new Second[seconds];
        for (int i = 0; i < seconds; i++) {
            each[i] = new Second(i);
        }
    }

    /** The second a request due {@code sinceStartNanos} after the start (within the run) falls in. */
    Second of(long sinceStartNanos) {
        return each[(int) (sinceStartNanos / 1_000_000_000L)];
    }

    /**
     * "12 of 60 s had requests over 50 ms: 2,300 in all, 1,900 of them in the worst 3 s (s17 412 ms:
     * 800, …)", or that none had; {@code thresholdMs} is one of the targets counted.
     */
    public String summary(int thresholdMs) {
        AtomicLongArray counts = over[thresholdIndex(thresholdMs)];
        List<Integer> slow = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            if (counts.get(i) > 0) {
                slow.add(i);
                total += counts.get(i);
            }
        }
        if (slow.isEmpty()) {
            return String.format("no request over %d ms", thresholdMs);
        }
        slow.sort(Comparator.comparingLong(counts::get).reversed());
        List<Integer> worst = slow.subList(0, Math.min(3, slow.size()));
        StringBuilder text = new StringBuilder(String.format(
                "%d of %d s had requests over %d ms: %,d in all, %,d in the worst %d s (", slow.size(), seconds,
                thresholdMs, total, worst.stream().mapToLong(counts::get).sum(), worst.size()));
        worst.forEach(i -> text.append(String.format("%ss%d %.0f ms: %,d", i.equals(worst.get(0)) ? "" : ", ", i,
                max.get(i) / 1e3, counts.get(i))));
        return text.append(')').toString();
    }

    private static int thresholdIndex(int thresholdMs) {
        for (int t = 0; t < THRESHOLDS_MS.length; t++) {
            if (THRESHOLDS_MS[t] == thresholdMs) {
                return t;
            }
        }
        throw new IllegalArgumentException("slow requests are counted over " + Arrays.toString(THRESHOLDS_MS)
                + " ms, not " + thresholdMs);
    }
}
