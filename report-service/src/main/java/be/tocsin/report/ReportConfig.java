package be.tocsin.report;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** report-service settings ({@code tocsin.reports.*}). */
@ConfigMapping(prefix = "tocsin.reports")
public interface ReportConfig {

    /** Region assumed for numbers written in national form (0470 12 34 56) when the report names none. */
    @WithDefault("BE")
    String defaultRegion();

    /** Raw message text is purged this long after a report arrived; statistics remain. */
    @WithDefault("P180D")
    Duration messageRetention();

    /** How often the retention job looks for message text to purge (read by its @Scheduled). */
    @WithDefault("1h")
    String purgeEvery();

    /** Distinct reports a number needs before a lookup shows its counts. */
    @WithDefault("3")
    int publicCountThreshold();

    /** How long an Idempotency-Key is remembered (its record holds the receipt, so not for long). */
    @WithDefault("P1D")
    Duration idempotencyRetention();

    /** Base URL under which published alerts are shown to citizens, when the event carries none. */
    @WithDefault("http://localhost:8082/alerts/")
    String alertBaseUrl();

    /** How lookups that miss the cache at the same time are read together (one statement). */
    Lookups lookups();

    interface Lookups {
        /**
         * Threads reading missed numbers. One: while its statement runs, the next batch gathers in the
         * queue by itself; a second reader only splits the batches (average 4.4 numbers a statement
         * against 7.9), which cost PostgreSQL two fifths more CPU per lookup (0.042 against 0.029 ms,
         * docs/benchmarks-journal.md).
         */
        @WithDefault("1")
        int readers();

        /** Most numbers one statement reads; under load a batch takes whatever has arrived, up to this. */
        @WithDefault("50")
        int batchSize();

        /**
         * How often an instance looks whether another one changed answers for every number (a
         * campaign, the protected list): the longest its cached answers lag such a change (read by
         * the @Scheduled of NumberLookup).
         */
        @WithDefault("1s")
        String otherInstancesEvery();

        /**
         * Values (numbers, protected numbers, confirmed ranges) the in-memory filter of what a lookup
         * can find is sized for at least: 1.8 MB per million. It sizes itself to twice what the store
         * holds when it fills; beyond its size, more numbers read the database, never a wrong answer.
         */
        @WithDefault("2000000")
        long knownValues();

        /**
         * Numbers whose facts are kept for lookups (each ~0.3 KB on the heap, whatever the languages
         * they are asked in). Beyond it, the least useful are dropped and read again when asked for:
         * a miss costs one indexed statement, shared with the misses arriving at the same time. Sized
         * for memory, not hit rate: 200,000 answers with their advice texts once filled a 256 MiB
         * heap and pushed the process past 512 MiB resident in the benchmark.
         */
        @WithDefault("50000")
        long cachedNumbers();

        /**
         * How long a number's cached facts are kept. A report drops its numbers' facts in the instance
         * that took it at once; the other instances keep theirs until then, so this is how long their
         * counts may lag a report. Changes for every number (campaigns, the protected list) reach every
         * instance within {@link #otherInstancesEvery()}.
         */
        @WithDefault("1m")
        Duration cachedFor();
    }

    /** How reports arriving together are written together (group commit). */
    Intake intake();

    interface Intake {
        /**
         * Threads writing intake batches: while one waits for its commit, another gathers the next
         * batch. Each holds a database connection while it writes.
         */
        @WithDefault("2")
        int writers();

        /** Most reports one intake transaction writes; under load a batch takes whatever has arrived, up to this. */
        @WithDefault("50")
        int batchSize();
    }
}
