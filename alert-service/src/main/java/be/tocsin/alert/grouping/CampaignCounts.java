package be.tocsin.alert.grouping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.persistence.TransactionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The report counts a transaction adds to campaigns and to their indicators, written together just
 * before it commits ({@link #flushAtCommit()}, called by {@link Grouping#flush()} at the end of a batch).
 * A busy campaign's row and indicator rows are what concurrent consumers share most: counted report
 * by report, a batch held them from its first report to its commit and two batches met them in
 * different orders, so batches waited on each other or deadlocked. Written last, in campaign order,
 * each row is locked once per batch, for a moment, in the same order by everyone.
 */
@ApplicationScoped
class CampaignCounts {

    private static final String LOCK_IN_ORDER = "SELECT id FROM campaign WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE";
    private static final String COUNT_REPORTS = """
            UPDATE campaign c SET report_count = c.report_count + d.reports, first_seen = LEAST(c.first_seen, d.first_seen),
                   last_seen = GREATEST(c.last_seen, d.last_seen), updated_at = now()
            FROM (SELECT id, count(*) AS reports, min(at) AS first_seen, max(at) AS last_seen
                  FROM unnest(?::uuid[], ?::timestamptz[]) AS r(id, at) GROUP BY id) d
            WHERE c.id = d.id AND c.status <> 'MERGED'
            RETURNING c.id""";
    private static final String COUNT_INDICATORS = """
            INSERT INTO campaign_indicator (campaign_id, type, value, report_count)
            SELECT campaign_id, type, value, count(*) FROM unnest(?::uuid[], ?::text[], ?::text[]) AS i(campaign_id, type, value)
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (campaign_id, type, value) DO UPDATE SET report_count = campaign_indicator.report_count + EXCLUDED.report_count""";

    /** One transaction's counts: an entry per report, and one per shown indicator of a report (none without one). */
    private static final class Pending {
        final List<UUID> reportCampaigns = new ArrayList<>();
        final List<String> reportTimes = new ArrayList<>();
        final List<UUID> indicatorCampaigns = new ArrayList<>();
        final List<String> indicatorTypes = new ArrayList<>();
        final List<String> indicatorValues = new ArrayList<>();

        boolean isEmpty() {
            return reportCampaigns.isEmpty();
        }
    }

    private final Sql sql;
    private final TransactionState<Pending> pending;

    CampaignCounts(Sql sql, TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.pending = new TransactionState<>(transactions, Pending.class, Pending::new, Pending::isEmpty,
                "grouping counts left unwritten: Grouping.flush() was not called");
    }

    /** One more report in {@code campaign}, with its shown indicators. */
    @Transactional(Transactional.TxType.MANDATORY)
    void report(UUID campaign, Instant receivedAt, List<Indicator> shown) {
        Pending pending = this.pending.get();
        pending.reportCampaigns.add(campaign);
        pending.reportTimes.add(receivedAt.toString());
        for (Indicator indicator : shown) {
            pending.indicatorCampaigns.add(campaign);
            pending.indicatorTypes.add(indicator.type());
            pending.indicatorValues.add(indicator.value());
        }
    }

    /** Reports counted into {@code campaign} in this transaction and not written yet. */
    int pendingReports(UUID campaign) {
        Pending pending = this.pending.peek();
        return pending == null ? 0 : Collections.frequency(pending.reportCampaigns, campaign);
    }

    /** {@code merged} went into {@code target} in this transaction: so do the counts still pending for them. */
    @Transactional(Transactional.TxType.MANDATORY)
    void moveTo(UUID target, Collection<UUID> merged) {
        Pending pending = this.pending.get();
        pending.reportCampaigns.replaceAll(campaign -> merged.contains(campaign) ? target : campaign);
        pending.indicatorCampaigns.replaceAll(campaign -> merged.contains(campaign) ? target : campaign);
    }

    /**
     * Queues what is pending for the commit ({@link Sql#checkAtCommit}): nothing in the transaction
     * reads the counts back. A campaign merged by another transaction since its reports were grouped
     * means those reports must be grouped again: the transaction fails as a transient conflict.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void flushAtCommit() {
        Pending pending = this.pending.peek();
        if (pending == null || pending.isEmpty()) {
            return;
        }
        List<UUID> campaigns = pending.reportCampaigns.stream().distinct().sorted().toList();
        if (campaigns.size() > 1) {
            sql.updateAtCommit(LOCK_IN_ORDER, campaigns);
        }
        sql.checkAtCommit(COUNT_REPORTS, counted -> {
            if (counted.size() < campaigns.size()) {
                throw new ConcurrentGroupingException("one of campaigns " + campaigns + " (merged)");
            }
        }, pending.reportCampaigns, pending.reportTimes);
        if (!pending.indicatorCampaigns.isEmpty()) {
            sql.updateAtCommit(COUNT_INDICATORS, pending.indicatorCampaigns, pending.indicatorTypes,
                    pending.indicatorValues);
        }
        this.pending.reset();
    }
}
