package be.tocsin.report.followup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.persistence.TransactionHooks;
import be.tocsin.platform.persistence.TransactionState;
import be.tocsin.report.lookup.NumberLookup;
import be.tocsin.report.lookup.NumberStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The {@code report.linked} events of one transaction, written together just before it commits
 * ({@link #flush()}): one statement for the reports, one for the campaigns they name and one for
 * their numbers, however many events the batch holds. They arrive at the intake rate, and applied
 * one by one they cost report-service four statements each. A report linked twice in one
 * transaction (a merge moved it) ends in the campaign it was linked to last, as it would one by one.
 */
@ApplicationScoped
class ReportLinks {

    private static final String LINK_REPORTS = """
            UPDATE report r SET campaign_id = l.campaign_id FROM unnest(?::uuid[], ?::uuid[]) AS l(id, campaign_id)
            WHERE r.id = l.id RETURNING r.id, r.sender_kind, r.sender_value, r.callback_e164""";
    private static final String KNOW_CAMPAIGNS = """
            INSERT INTO campaign_view (id, status) SELECT id, 'CANDIDATE' FROM unnest(?::uuid[]) AS c(id)
            ON CONFLICT (id) DO NOTHING""";

    /** One transaction's links, in the order they came: report → campaign. */
    private static final class Pending {
        final Map<UUID, UUID> campaignOfReport = new LinkedHashMap<>();

        boolean isEmpty() {
            return campaignOfReport.isEmpty();
        }
    }

    private final Sql sql;
    private final NumberStatistics statistics;
    private final NumberLookup lookup;
    private final TransactionSynchronizationRegistry transactions;
    private final TransactionState<Pending> pending;

    ReportLinks(Sql sql, NumberStatistics statistics, NumberLookup lookup, TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.statistics = statistics;
        this.lookup = lookup;
        this.transactions = transactions;
        this.pending = new TransactionState<>(transactions, Pending.class, Pending::new, Pending::isEmpty,
                "report links left unwritten: ReportLinks.flush() was not called");
    }

    /** {@code report} joined {@code campaign}: written at {@link #flush()}. */
    @Transactional(Transactional.TxType.MANDATORY)
    void link(UUID report, UUID campaign) {
        Map<UUID, UUID> links = this.pending.get().campaignOfReport;
        links.remove(report); // re-added last: the latest link wins
        links.put(report, campaign);
    }

    /**
     * Writes the pending links. A link to a report this service does not have fails the transaction
     * (the consumer then applies its events one by one, so only that event goes back to the queue).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void flush() {
        Pending pending = this.pending.peek();
        if (pending == null || pending.isEmpty()) {
            return;
        }
        // Sorted, so that concurrent transactions lock shared rows in one order.
        Map<UUID, UUID> links = new TreeMap<>(pending.campaignOfReport);
        List<Object[]> reports = sql.rows(LINK_REPORTS, List.copyOf(links.keySet()), List.copyOf(links.values()));
        if (reports.size() < links.size()) {
            throw new IllegalStateException("report.linked for unknown reports among " + links.keySet());
        }
        // Nothing in the transaction reads these rows back: sent with the commit, in its round trip.
        sql.updateAtCommit(KNOW_CAMPAIGNS, distinctSorted(links.values()));

        Map<UUID, List<String>> numbersOfReport = new LinkedHashMap<>();
        for (Object[] report : reports) {
            List<String> numbers = new ArrayList<>(2);
            if ("PHONE".equals(report[1])) {
                numbers.add((String) report[2]);
            }
            if (report[3] != null) {
                numbers.add((String) report[3]);
            }
            numbersOfReport.put((UUID) report[0], numbers);
        }
        // A number shared by reports of this batch takes the campaign of the one linked last.
        SortedMap<String, UUID> campaignOfNumber = new TreeMap<>();
        pending.campaignOfReport.forEach((report, campaign) ->
                numbersOfReport.get(report).forEach(number -> campaignOfNumber.put(number, campaign)));
        statistics.linkToCampaigns(campaignOfNumber);
        this.pending.reset();
        // After the commit, so that a lookup in between cannot cache the old answer again.
        List<String> changed = List.copyOf(campaignOfNumber.keySet());
        TransactionHooks.afterCommit(transactions, () -> lookup.forget(changed));
    }

    /**
     * Makes sure report-service knows these campaigns, as CANDIDATE if new. An existing row is left
     * alone, not even locked: every linked report says this, and two consumers updating the same
     * campaign row would queue behind each other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void knowCampaigns(Collection<UUID> campaigns) {
        sql.update(KNOW_CAMPAIGNS, distinctSorted(campaigns));
    }

    private static List<UUID> distinctSorted(Collection<UUID> campaigns) {
        return campaigns.stream().distinct().sorted().toList();
    }
}
