package be.tocsin.report.lookup;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;

import javax.sql.DataSource;

import com.google.common.base.Splitter;
import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;

import be.tocsin.platform.persistence.NotificationListener;
import be.tocsin.report.ReportConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every value a lookup can find facts for — reported numbers, protected numbers, the numbers and
 * ranges of confirmed campaigns — in a Bloom filter, so that a number with none of them (what apps
 * asking about every incoming call mostly send) is answered without a statement. The filter can say
 * "maybe" for a value it never held (0.1 % per value; a number is checked with its ~10 prefixes, so
 * ~1 % of such lookups read the database, as every lookup did before); it never says "no" for a
 * value it was given.
 * <p>
 * It is filled from the tables when its listener connects, and learns every value inserted since, by
 * any instance, from the notifications of the tables' triggers (V5), in commit order. Values this
 * instance writes are {@link #add added} directly as well (protected numbers and confirmed
 * indicators as they are written, a report's numbers as its commit drops their cached answers), so
 * its own citizens never wait for the notification. While it is not filled, every number is a "maybe".
 * <p>
 * The same channel announces, as {@code *}, every change counted for all answers (V7), after the
 * values written with it: whoever {@link #whenAnswersChangeForAll listens} drops its answers then.
 */
@ApplicationScoped
public class KnownNumbers implements NotificationListener.Subscriber {

    static final String CHANNEL = "lookup_facts";
    private static final String ANSWERS_CHANGED_FOR_ALL = "*";
    private static final double FALSE_POSITIVES = 0.001;
    private static final int FETCH_SIZE = 10_000;
    private static final String EVERY_VALUE = """
            SELECT e164 FROM number_stats UNION ALL SELECT e164 FROM protected_number
            UNION ALL SELECT value FROM confirmed_indicator""";
    private static final Splitter VALUES = Splitter.on(',').omitEmptyStrings();

    private final DataSource dataSource;
    private final ReportConfig config;
    private NotificationListener listener;
    /** Null while not filled (starting, or reconnecting after notifications may have been missed). */
    private volatile BloomFilter<CharSequence> values;
    private volatile Runnable answersChangedForAll = () -> { };

    public KnownNumbers(DataSource dataSource, ReportConfig config, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.config = config;
        Gauge.builder("tocsin.lookups.known.false-positives", this,
                known -> known.values == null ? Double.NaN : known.values.expectedFpp())
                .description("Share of numbers with nothing to find that still read the database").register(metrics);
    }

    void listen(@Observes StartupEvent started) {
        listener = new NotificationListener(dataSource, CHANNEL, this, Duration.ofSeconds(1));
        listener.start();
    }

    /**
     * At the shutdown event, before the connection pool closes (as it does before beans are
     * destroyed): stopped later, the listener saw its connection closed under it and logged a failure.
     */
    void stop(@Observes ShutdownEvent stopping) {
        if (listener != null) {
            listener.close();
        }
    }

    /**
     * False only when nothing is known of this number or any range it lies in: its answer is UNKNOWN
     * without reading anything.
     */
    public boolean mightFindAnything(String e164) {
        BloomFilter<CharSequence> filter = values;
        // The number on its own: a short number (112) is shorter than any range, so has no prefixes.
        if (filter == null || filter.mightContain(e164)) {
            return true;
        }
        for (String prefix : NumberLookup.prefixes(e164)) {
            if (filter.mightContain(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * False only when {@code value} (a number or a range) is in none of the tables: then a statement
     * need not look for it.
     */
    public boolean mightHold(String value) {
        BloomFilter<CharSequence> filter = values;
        return filter == null || filter.mightContain(value);
    }

    /** Runs {@code drop} on the listening thread each time a change is counted for every answer (V7). */
    public void whenAnswersChangeForAll(Runnable drop) {
        answersChangedForAll = drop;
    }

    /** Values this instance is writing: known from now on, committed or not (a "maybe" too many is harmless). */
    public void add(Collection<String> written) {
        BloomFilter<CharSequence> filter = values;
        if (filter != null) {
            written.forEach(filter::put);
        }
    }

    @Override
    public void resync(Connection db) throws SQLException {
        // In a transaction, because pgjdbc reads with a cursor only inside one: the rows stream into
        // the filter in slices (the heap could not hold a large store's numbers). The statement's
        // snapshot is taken after LISTEN, so a commit in between is read, notified, or both.
        db.setAutoCommit(false);
        try {
            BloomFilter<CharSequence> filled = BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8),
                    Math.max(config.lookups().knownValues(), 2 * count(db)), FALSE_POSITIVES);
            try (PreparedStatement statement = db.prepareStatement(EVERY_VALUE)) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        filled.put(rows.getString(1));
                    }
                }
            }
            values = filled;
        } finally {
            db.commit();
            db.setAutoCommit(true);
        }
    }

    private static long count(Connection db) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("SELECT count(*) FROM (" + EVERY_VALUE + ") v");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    public void received(String payload) {
        if (ANSWERS_CHANGED_FOR_ALL.equals(payload)) {
            answersChangedForAll.run();
            return;
        }
        BloomFilter<CharSequence> filter = values;
        if (filter == null) {
            return; // cannot happen: notifications come after a resync; a lost connection resyncs again
        }
        for (String value : VALUES.split(payload)) {
            filter.put(value);
        }
    }

    @Override
    public void lost() {
        values = null;
    }
}
