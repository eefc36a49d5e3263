package be.tocsin.report.lookup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import be.tocsin.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Per-number counters, kept up to date as reports arrive (two upserts a report, whatever its number
 * count), so that a lookup reads one row and at most 31 daily rows, never the reports.
 */
@ApplicationScoped
public class NumberStatistics {

    /** What a lookup needs to know of a number's reports. */
    public record Counts(int total, int last30Days, Instant firstReportedAt, Instant lastReportedAt, UUID campaignId) {
        static final Counts NONE = new Counts(0, 0, null, null, null);
    }

    // The numbers come as a sorted array without repeats: one upsert cannot touch a row twice, and
    // concurrent reports lock shared numbers in the same order (no deadlock).
    private static final String COUNT_REPORT = """
            INSERT INTO number_stats (e164, total_reports, first_reported_at, last_reported_at)
            SELECT e164, 1, ?::timestamptz, ?::timestamptz FROM unnest(?::text[]) AS n(e164)
            ON CONFLICT (e164) DO UPDATE SET total_reports = number_stats.total_reports + 1,
                first_reported_at = LEAST(number_stats.first_reported_at, EXCLUDED.first_reported_at),
                last_reported_at = GREATEST(number_stats.last_reported_at, EXCLUDED.last_reported_at)""";
    private static final String COUNT_DAY = """
            INSERT INTO number_daily (e164, day, reports) SELECT e164, ?::date, 1 FROM unnest(?::text[]) AS n(e164)
            ON CONFLICT (e164, day) DO UPDATE SET reports = number_daily.reports + 1""";

    private final Sql sql;

    public NumberStatistics(Sql sql) {
        this.sql = sql;
    }

    /** Counts one report against each of its numbers. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void countReport(Collection<String> numbers, Instant receivedAt) {
        if (!numbers.isEmpty()) {
            List<String> sorted = numbers.stream().distinct().sorted().toList();
            sql.update(COUNT_REPORT, receivedAt, receivedAt, sorted);
            sql.update(COUNT_DAY, LocalDate.ofInstant(receivedAt, ZoneOffset.UTC), sorted);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void linkToCampaign(List<String> numbers, UUID campaignId) {
        if (!numbers.isEmpty()) {
            // Only rows that change: a number reported again for the same campaign is neither written nor locked.
            sql.update("UPDATE number_stats SET campaign_id = ? WHERE e164 = ANY(?) AND campaign_id IS DISTINCT FROM ?",
                    campaignId, numbers, campaignId);
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

    private static Instant instant(Object value) {
        return value instanceof java.time.OffsetDateTime odt ? odt.toInstant()
                : value instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) value;
    }
}
