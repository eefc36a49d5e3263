package be.tocsin.alert.grouping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.persistence.TransactionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The campaign_report rows of the reports one transaction groups: which of them were grouped before (a redelivered report keeps
 * its campaign), read once per transaction ({@link #prefetch} reads a whole batch's in one
 * statement), and the rows and {@code report.linked} events of those grouped now, written together
 * by {@link #writeAtCommit()} (or {@link #write()}): one statement for the rows, however many reports.
 */
@ApplicationScoped
class CampaignReports {

    private static final String READ = "SELECT report_id, campaign_id FROM campaign_report WHERE report_id = ANY(?)";
    /** Every row in one statement, a column per array; a row's own arrays go as literals ({@link Sql#textArrayLiteral}). */
    private static final String INSERT = """
            INSERT INTO campaign_report (report_id, campaign_id, channel, region, sender, message, received_at,
                                         indicators, link_keys)
            SELECT report_id, campaign_id, channel, region, sender, message, received_at, indicators::text[], link_keys::text[]
            FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])
                 AS r(report_id, campaign_id, channel, region, sender, message, received_at, indicators, link_keys)""";

    /** One transaction's reports. */
    private static final class Seen {
        /** Reports looked up (found or not) or grouped now. */
        final Set<UUID> read = new HashSet<>();
        /** Report → its campaign, for those grouped before or now. */
        final Map<UUID, UUID> campaignOf = new HashMap<>();
        final List<Object[]> unwrittenRows = new ArrayList<>();
        final List<Map<String, Object>> unwrittenLinks = new ArrayList<>();

        boolean isWritten() {
            return unwrittenRows.isEmpty();
        }
    }

    private final Sql sql;
    private final Outbox outbox;
    private final TransactionState<Seen> seen;

    CampaignReports(Sql sql, Outbox outbox, TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.outbox = outbox;
        this.seen = new TransactionState<>(transactions, Seen.class, Seen::new, Seen::isWritten,
                "grouped reports left unwritten: Grouping.flush() was not called");
    }

    /** Looks up, in one statement, which of {@code reports} this transaction has not looked up yet were grouped before. */
    @Transactional(Transactional.TxType.MANDATORY)
    void prefetch(Collection<UUID> reports) {
        Seen seen = this.seen.get();
        List<UUID> unread = reports.stream().filter(report -> !seen.read.contains(report)).distinct().toList();
        if (unread.isEmpty()) {
            return;
        }
        for (Object[] row : sql.rows(READ, unread)) {
            seen.campaignOf.put((UUID) row[0], (UUID) row[1]);
        }
        seen.read.addAll(unread);
    }

    /** The campaign {@code report} was grouped into, before or in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<UUID> campaignOf(UUID report) {
        prefetch(List.of(report));
        return Optional.ofNullable(this.seen.get().campaignOf.get(report));
    }

    /** {@code report} joined {@code campaign}, with its {@code indicators} of which {@code shown} are shown. */
    @Transactional(Transactional.TxType.MANDATORY)
    void grouped(ReportReceived report, List<Indicator> indicators, List<Indicator> shown, UUID campaign) {
        Seen seen = this.seen.get();
        ReportReceived.Party sender = report.sender();
        seen.unwrittenRows.add(new Object[] { report.reportId(), campaign, report.channel(),
                sender == null ? null : sender.region(),
                sender == null ? null : sender.e164() != null ? sender.e164() : sender.value(),
                report.message(), report.receivedAt(),
                Sql.textArrayLiteral(shown.stream().map(i -> i.type() + " " + i.value()).toList()),
                Sql.textArrayLiteral(indicators.stream().map(Indicator::linkKey).filter(Objects::nonNull).toList()) });
        seen.unwrittenLinks.add(Map.of("reportId", report.reportId(), "campaignId", campaign));
        seen.campaignOf.put(report.reportId(), campaign);
        seen.read.add(report.reportId());
    }

    /**
     * Writes the reports grouped and not written yet, now, and publishes their {@code report.linked}:
     * before a merge, which moves reports (and announces them again) by what the table holds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void write() {
        write(sql::update);
    }

    /** Queues the reports grouped and not written yet for the commit ({@link Sql#updateAtCommit}), with their {@code report.linked}. */
    @Transactional(Transactional.TxType.MANDATORY)
    void writeAtCommit() {
        write(sql::updateAtCommit);
    }

    private void write(BiConsumer<String, Object[]> statement) {
        Seen seen = this.seen.peek();
        if (seen == null || seen.unwrittenRows.isEmpty()) {
            return;
        }
        statement.accept(INSERT, Sql.columns(seen.unwrittenRows).toArray());
        outbox.publishAll(EventTypes.REPORT_LINKED, seen.unwrittenLinks);
        seen.unwrittenRows.clear();
        seen.unwrittenLinks.clear();
    }

    /** {@code merged} went into {@code target}: reports seen in them are in {@code target} now. */
    @Transactional(Transactional.TxType.MANDATORY)
    void merged(UUID target, Collection<UUID> merged) {
        this.seen.get().campaignOf.replaceAll((report, campaign) -> merged.contains(campaign) ? target : campaign);
    }
}
