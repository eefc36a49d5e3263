package be.tocsin.report.lookup;

import static be.tocsin.platform.persistence.SqlValues.instant;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import be.tocsin.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Per-number counters, kept up to date as reports arrive (two upserts per intake batch, whatever its
 * report and number count), so that a lookup reads one row and at most 31 daily rows, never the reports.
 */
@ApplicationScoped
public class NumberStatistics {

    /** What a lookup needs to know of a number's reports. */
    public record Counts(int total, int last30Days, Instant firstReportedAt, Instant lastReportedAt, UUID campaignId) {
        static final Counts NONE = new Counts(0, 0, null, null, null);
    }

    // The numbers come as a sorted array without repeats, each with its count of new reports: one
    // upsert cannot touch a row twice, and concurrent batches lock shared numbers in the same order
    // (no deadlock).
    private static final String COUNT_REPORTS = """
            INSERT INTO number_stats (e164, total_reports, first_reported_at, last_reported_at)
            SELECT e164, reports, ?::timestamptz, ?::timestamptz FROM unnest(?::text[], ?::int[]) AS n(e164, reports)
            ON CONFLICT (e164) DO UPDATE SET total_reports = number_stats.total_reports + EXCLUDED.total_reports,
                first_reported_at = LEAST(number_stats.first_reported_at, EXCLUDED.first_reported_at),
                last_reported_at = GREATEST(number_stats.last_reported_at, EXCLUDED.last_reported_at)""";
    private static final String COUNT_DAY = """
            INSERT INTO number_daily (e164, day, reports)
            SELECT e164, ?::date, reports FROM unnest(?::text[], ?::int[]) AS n(e164, reports)
            ON CONFLICT (e164, day) DO UPDATE SET reports = number_daily.reports + EXCLUDED.reports""";

    private final Sql sql;

    public NumberStatistics(Sql sql) {
        this.sql = sql;
    }

    /**
     * Counts reports received at {@code receivedAt}: each element of {@code numbers} is one report
     * speaking of that number (a number named by three reports comes three times). Two statements,
     * however many reports, sent with the transaction's commit: the rows they lock stay locked only
     * for that round trip.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void countReports(Collection<String> numbers, Instant receivedAt) {
        if (numbers.isEmpty()) {
            return;
        }
        SortedMap<String, Integer> reports = new TreeMap<>();
        numbers.forEach(e164 -> reports.merge(e164, 1, Integer::sum));
        List<String> distinct = List.copyOf(reports.keySet());
        List<Integer> counts = List.copyOf(reports.values());
        sql.updateAtCommit(COUNT_REPORTS, receivedAt, receivedAt, distinct, counts);
        sql.updateAtCommit(COUNT_DAY, LocalDate.ofInstant(receivedAt, ZoneOffset.UTC), distinct, counts);
    }

    /** Files each number under its campaign; one statement for all of them, sent with the commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void linkToCampaigns(SortedMap<String, UUID> campaignOfNumber) {
        if (!campaignOfNumber.isEmpty()) {
            // Only rows that change: a number reported again for the same campaign is neither written nor locked.
            sql.updateAtCommit("""
                    UPDATE number_stats s SET campaign_id = l.campaign_id FROM unnest(?::text[], ?::uuid[]) AS l(e164, campaign_id)
                    WHERE s.e164 = l.e164 AND s.campaign_id IS DISTINCT FROM l.campaign_id""",
                    List.copyOf(campaignOfNumber.keySet()), List.copyOf(campaignOfNumber.values()));
        }
    }

    /**
     * The columns a lookup selects from {@code number_stats s} (LEFT JOINed: all null for a number
     * never reported), read back by {@link #counts(Object[], int)}.
     */
    static final String COUNTS_COLUMNS = """
            s.total_reports, s.first_reported_at, s.last_reported_at, s.campaign_id,
            (SELECT coalesce(sum(d.reports), 0) FROM number_daily d WHERE d.e164 = s.e164 AND d.day > current_date - 30)""";

    static Counts counts(Object[] row, int from) {
        if (row[from] == null) {
            return Counts.NONE;
        }
        return new Counts(((Number) row[from]).intValue(), ((Number) row[from + 4]).intValue(), instant(row[from + 1]),
                instant(row[from + 2]), (UUID) row[from + 3]);
    }
}
