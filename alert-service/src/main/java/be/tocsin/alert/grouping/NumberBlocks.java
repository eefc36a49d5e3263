package be.tocsin.alert.grouping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.persistence.TransactionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The numbers seen per 100-number block ({@code number_block}): each number calling is recorded, and
 * a block counts how many distinct numbers it had lately. A consumer batch records all its numbers
 * and counts all their blocks in one statement ({@link #prefetch}); one by one, that statement was
 * a round trip per call report, as many as the rest of the batch's statements together
 * (docs/benchmarks-journal.md). The batch's numbers count as seen at once, before its first report is
 * grouped: reports that arrive together are grouped as if they came at the same moment.
 */
@ApplicationScoped
class NumberBlocks {

    /** One number seen at {@code at}. */
    record Sighting(String e164, Instant at) {
        String block() {
            return blockOf(e164);
        }
    }

    private static final String SEEN_ONE = """
            WITH seen AS (
                INSERT INTO number_block (block, e164, last_seen) VALUES (?, ?, ?)
                ON CONFLICT (block, e164) DO UPDATE SET last_seen = GREATEST(number_block.last_seen, EXCLUDED.last_seen)
                RETURNING 1)
            SELECT 1 + count(*) FROM number_block WHERE block = ? AND e164 <> ? AND last_seen > ?""";
    // A data-modifying WITH is not seen by its own SELECT: each block counts the rows it had before,
    // less this batch's numbers, which are added in Java. Rows are written in key order, so that
    // concurrent batches lock shared numbers in the same order.
    private static final String SEEN_ALL = """
            WITH seen AS (
                INSERT INTO number_block (block, e164, last_seen)
                SELECT block, e164, at FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS n(block, e164, at)
                ORDER BY block, e164
                ON CONFLICT (block, e164) DO UPDATE SET last_seen = GREATEST(number_block.last_seen, EXCLUDED.last_seen)
                RETURNING 1)
            SELECT b.block, (SELECT count(*) FROM number_block k
                             WHERE k.block = b.block AND k.last_seen > b.since AND k.e164 <> ALL (?::text[]))
            FROM unnest(?::text[], ?::timestamptz[]) AS b(block, since)""";

    /** What {@link #prefetch} recorded and counted for this transaction's reports. */
    private static final class Counted {
        final Set<String> numbers = new HashSet<>();
        final Map<String, Long> numbersOfBlock = new HashMap<>();
    }

    private final Sql sql;
    private final GroupingConfig config;
    private final TransactionState<Counted> counted;

    NumberBlocks(Sql sql, GroupingConfig config, TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.config = config;
        this.counted = TransactionState.scratch(transactions, Counted.class, Counted::new);
    }

    /** The 100-block of a number: all but its last two digits. */
    static String blockOf(String e164) {
        return e164.substring(0, e164.length() - 2);
    }

    /** The 1,000-block a 100-block belongs to, the prefix a range widens to. */
    static String wideOf(String block) {
        return block.substring(0, block.length() - 1);
    }

    /**
     * Records every sighting and counts the distinct numbers of their blocks, in one statement; the
     * blocks with at least {@code tocsin.grouping.range-min-numbers} of them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<String> prefetch(List<Sighting> sightings) {
        if (sightings.isEmpty()) {
            return List.of();
        }
        // One row per number (its latest sighting), and per block the earliest window start.
        SortedMap<String, Sighting> latest = new TreeMap<>();
        SortedMap<String, Instant> since = new TreeMap<>();
        Map<String, Long> batchNumbers = new HashMap<>();
        for (Sighting sighting : sightings) {
            latest.merge(sighting.e164(), sighting, (a, b) -> a.at().isAfter(b.at()) ? a : b);
            since.merge(sighting.block(), sighting.at().minus(config.rangeWindow()),
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        latest.values().forEach(sighting -> batchNumbers.merge(sighting.block(), 1L, Long::sum));
        List<String> numbers = List.copyOf(latest.keySet());
        List<Object[]> rows = sql.rows(SEEN_ALL, latest.values().stream().map(Sighting::block).toList(), numbers,
                latest.values().stream().map(sighting -> sighting.at().toString()).toList(), numbers,
                List.copyOf(since.keySet()), since.values().stream().map(Instant::toString).toList());
        Counted counted = this.counted.get();
        counted.numbers.addAll(numbers);
        Map<String, Long> numbersOfBlock = counted.numbersOfBlock;
        List<String> hot = new ArrayList<>();
        for (Object[] row : rows) {
            String block = (String) row[0];
            long numbersSeen = ((Number) row[1]).longValue() + batchNumbers.get(block);
            numbersOfBlock.put(block, numbersSeen);
            if (numbersSeen >= config.rangeMinNumbers()) {
                hot.add(block);
            }
        }
        return hot;
    }

    /**
     * Records that {@code e164} called at {@code at}, unless {@link #prefetch} did; how many distinct
     * numbers its block had in the window, this one included.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    long seen(String e164, Instant at) {
        String block = blockOf(e164);
        Counted counted = this.counted.get();
        if (counted.numbers.contains(e164)) {
            return counted.numbersOfBlock.get(block);
        }
        return sql.<Long>column(SEEN_ONE, block, e164, at, block, e164, at.minus(config.rangeWindow())).get(0);
    }
}
