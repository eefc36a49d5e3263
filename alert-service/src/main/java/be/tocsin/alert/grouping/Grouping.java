package be.tocsin.alert.grouping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import be.tocsin.platform.persistence.Ids;
import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.persistence.TransactionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Attaches a report to a campaign. Cost is bounded by the report's own indicators: each is an
 * indexed key; a block that turns hot adds at most the 100 numbers of that block. Never a scan of
 * past reports. A report whose keys point at several campaigns merges them into the largest.
 * <p>
 * A transaction may group many reports (the consumer's batch): {@link #prepare} reads what all of
 * them need in two statements, the keys and reports they add are written together by
 * {@link #flush()}, which must be called once after the last one, before the commit.
 */
@ApplicationScoped
public class Grouping {

    private static final int MIN_RANGE_PREFIX = 6;
    private static final Set<String> LINKABLE_SIGNAL_TYPES = Set.of(
            Indicator.NUMBER, Indicator.NUMBER_RANGE, Indicator.CALLBACK_NUMBER, Indicator.URL_DOMAIN);

    /** Each report's indicators, read by {@link #prepare} for its look-ups and kept for {@link #group}. */
    private static final class Extracted {
        final Map<UUID, List<Indicator>> ofReport = new HashMap<>();
    }

    private final Sql sql;
    private final IndicatorExtractor extractor;
    private final GroupingConfig config;
    private final CampaignMerger merger;
    private final HotWideBlocks hotWideBlocks;
    private final NumberBlocks numberBlocks;
    private final CampaignCounts counts;
    private final LinkKeys linkKeys;
    private final CampaignReports reports;
    private final TransactionState<Extracted> extracted;

    public Grouping(Sql sql, IndicatorExtractor extractor, GroupingConfig config, CampaignMerger merger,
            HotWideBlocks hotWideBlocks, NumberBlocks numberBlocks, CampaignCounts counts, LinkKeys linkKeys,
            CampaignReports reports, TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.extractor = extractor;
        this.config = config;
        this.merger = merger;
        this.hotWideBlocks = hotWideBlocks;
        this.numberBlocks = numberBlocks;
        this.counts = counts;
        this.linkKeys = linkKeys;
        this.reports = reports;
        this.extracted = TransactionState.scratch(transactions, Extracted.class, Extracted::new);
    }

    /**
     * Reads, in one statement each, which of {@code batch} were grouped before and the link keys
     * their indicators and sender numbers' ranges may meet, before they are grouped one by one.
     * Only saves statements: {@link #group} reads whatever was not prepared.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void prepare(List<ReportReceived> batch) {
        Map<UUID, List<Indicator>> ofReport = extracted.get().ofReport;
        List<String> keys = new ArrayList<>();
        List<NumberBlocks.Sighting> sightings = new ArrayList<>();
        for (ReportReceived report : batch) {
            List<Indicator> indicators = extractor.extract(report);
            ofReport.put(report.reportId(), indicators);
            indicators.stream().map(Indicator::linkKey).filter(Objects::nonNull).forEach(keys::add);
            String e164 = phoneSender(report);
            if (e164 != null) {
                keys.addAll(rangeKeys(e164));
                if (countsInBlock(report, e164)) {
                    sightings.add(new NumberBlocks.Sighting(e164, report.receivedAt()));
                }
            }
        }
        reports.prefetch(batch.stream().map(ReportReceived::reportId).toList());
        linkKeys.prefetch(keys);
        // A hot block's reports look for the campaigns of its numbers and of its 1,000-block's ranges.
        List<String> prefixes = new ArrayList<>();
        for (String block : numberBlocks.prefetch(sightings)) {
            prefixes.add(numberPrefix(block));
            prefixes.add(rangePrefix(NumberBlocks.wideOf(block)));
        }
        linkKeys.prefetchUnder(prefixes);
    }

    /**
     * Writes what this transaction's reports added, in one round trip: their link keys (checked to
     * still lead where the reports went), their rows and {@code report.linked} events, their
     * campaigns' counts (see {@link CampaignCounts}). Call it once, after the last report and before
     * the commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flush() {
        linkKeys.checkAtCommit();
        reports.writeAtCommit();
        counts.flushAtCommit();
        // Sent now rather than by the commit: a conflict the checks find is then thrown here, not
        // logged by the transaction manager as a failed commit with its stack trace.
        sql.sendQueued();
    }

    /**
     * Groups one report (idempotent: a report already grouped keeps its campaign). What it adds is
     * written by {@link #flush()}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID group(ReportReceived report) {
        Optional<UUID> known = reports.campaignOf(report.reportId());
        if (known.isPresent()) {
            return known.get();
        }
        List<Indicator> prepared = extracted.get().ofReport.remove(report.reportId());
        List<Indicator> indicators = new ArrayList<>(prepared != null ? prepared : extractor.extract(report));
        Set<UUID> candidates = new LinkedHashSet<>();
        String e164 = phoneSender(report);
        if (e164 != null) {
            List<Indicator> knownRanges = knownRanges(e164);
            // Rotating through a block is how calling campaigns (wangiri) work. SMS senders are
            // mostly hijacked or random mobiles: at national volume every mobile block would turn
            // "hot" and glue unrelated campaigns together, so blocks link only for the channels
            // configured (tocsin.grouping.range-channels, calls by default).
            if (countsInBlock(report, e164)) {
                hotRange(e164, report.receivedAt(), candidates).ifPresent(range -> {
                    indicators.add(range);
                    // Once the wider range links, it joins this report through knownRanges: counting
                    // the 1,000-block's hot blocks again would read up to 1,000 rows per report.
                    Indicator wide = Indicator.linking(Indicator.NUMBER_RANGE, NumberBlocks.wideOf(range.value()));
                    if (!knownRanges.contains(wide) && widens(wide.value(), report.receivedAt(), candidates)) {
                        indicators.add(wide);
                    }
                });
            }
            knownRanges.stream().filter(range -> !indicators.contains(range)).forEach(indicators::add);
        }
        Links links = links(indicators);
        List<String> keys = candidates(links, attachOnlySenderKey(report), candidates);
        if (candidates.size() > 1) {
            // A key that keeps merging campaigns is demoted, so correlation stays bounded (MISP's
            // correlation table explodes on exactly such keys).
            linkKeys.countMerge(keys, config.demoteAfterMerges());
        }
        UUID target = candidates.isEmpty() ? open(report, indicators)
                : candidates.size() == 1 ? candidates.iterator().next()
                : mergeInto(candidates);
        claim(keys, target, indicators);
        List<Indicator> shown = indicators.stream().filter(Indicator::isShown).distinct().toList();
        counts.report(target, report.receivedAt(), shown);
        reports.grouped(report, indicators, shown, target);
        return target;
    }

    /**
     * When the number's 100-block has had enough distinct numbers lately, its NUMBER_RANGE
     * indicator. The number counts as seen now ({@link NumberBlocks}: for a batch, recorded and counted
     * before its first report).
     */
    private Optional<Indicator> hotRange(String e164, Instant at, Set<UUID> candidates) {
        String block = NumberBlocks.blockOf(e164);
        long numbers = numberBlocks.seen(e164, at);
        if (numbers < config.rangeMinNumbers()) {
            return Optional.empty();
        }
        // The block's numbers may already sit in campaigns of their own: the range joins them. Looked
        // up on every report of a hot block, not only when it turns hot: a number grouped
        // concurrently with the block turning hot may have opened a campaign the range must absorb.
        candidates.addAll(linkKeys.campaignsUnder(numberPrefix(block)));
        return Optional.of(Indicator.linking(Indicator.NUMBER_RANGE, block));
    }

    /**
     * When several hot 100-blocks share a 1,000-block ({@code wide}), the range widens: the wider
     * prefix links, and the campaigns of those blocks join. At most 10 blocks of 100 numbers are read.
     */
    private boolean widens(String wide, Instant at, Set<UUID> candidates) {
        if (!hotWideBlocks.recentlyHot(wide, at)) {
            long hotBlocks = sql.<Long>column("""
                    SELECT count(*) FROM (SELECT block FROM number_block
                        WHERE block >= ? AND block < ? AND last_seen > ? GROUP BY block HAVING count(*) >= ?) hot""",
                    wide, wide + "~", at.minus(config.rangeWindow()), (long) config.rangeMinNumbers()).get(0);
            if (hotBlocks < config.rangeWidenAfterBlocks()) {
                return false;
            }
            hotWideBlocks.foundHot(wide, at);
        }
        candidates.addAll(linkKeys.campaignsUnder(rangePrefix(wide)));
        return true;
    }

    /**
     * Adds the campaigns {@code links} point at to {@code candidates} and returns the keys this
     * report claims. A sender that may only attach ({@code senderKey}) proposes its campaign only
     * when nothing else does; otherwise its key stays with its own campaign.
     */
    private static List<String> candidates(Links links, String senderKey, Set<UUID> candidates) {
        links.campaigns().forEach((key, campaign) -> {
            if (!key.equals(senderKey)) {
                candidates.add(campaign);
            }
        });
        UUID senderCampaign = links.campaigns().get(senderKey);
        if (senderCampaign == null || candidates.contains(senderCampaign)) {
            return links.keys();
        }
        if (candidates.isEmpty()) {
            candidates.add(senderCampaign);
            return links.keys();
        }
        return links.keys().stream().filter(key -> !key.equals(senderKey)).toList();
    }

    /** The link key of a sender number that may attach this report but not merge (see the config). */
    private String attachOnlySenderKey(ReportReceived report) {
        ReportReceived.Party sender = report.sender();
        return sender != null && "PHONE".equals(sender.kind()) && sender.e164() != null
                && config.attachOnlySenderChannels().contains(report.channel())
                ? Indicator.linking(Indicator.NUMBER, sender.e164()).linkKey() : null;
    }

    /**
     * Whether the report's sender number counts towards its block: calling campaigns rotate through
     * blocks; SMS senders are mostly hijacked or random mobiles (see {@link #group(ReportReceived)}).
     */
    private boolean countsInBlock(ReportReceived report, String e164) {
        return config.rangeChannels().contains(report.channel()) && e164.length() >= 8;
    }

    private static String numberPrefix(String block) {
        return "NUMBER:" + block;
    }

    private static String rangePrefix(String wide) {
        return "NUMBER_RANGE:" + wide;
    }

    /** The sender's number, when the sender is a phone. */
    private static String phoneSender(ReportReceived report) {
        ReportReceived.Party sender = report.sender();
        return sender != null && "PHONE".equals(sender.kind()) ? sender.e164() : null;
    }

    /** The keys of every range a number may fall in, narrowest first. */
    private static List<String> rangeKeys(String e164) {
        List<String> keys = new ArrayList<>();
        for (int end = e164.length() - 1; end >= MIN_RANGE_PREFIX; end--) {
            keys.add("NUMBER_RANGE:" + e164.substring(0, end));
        }
        return keys;
    }

    /** Ranges already linking (an operator's signal, a wider block) that contain the number. */
    private List<Indicator> knownRanges(String e164) {
        return linkKeys.find(rangeKeys(e164)).keySet().stream().map(key -> Indicator.linking(Indicator.NUMBER_RANGE,
                key.substring("NUMBER_RANGE:".length()))).toList();
    }

    /**
     * Groups what an operator's network saw: its indicators link like a report's (a signalled range
     * then also catches later reports from inside it), and the signal is kept with the campaign.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID group(OperatorSignal signal) {
        List<Indicator> indicators = signal.indicators().stream()
                .filter(i -> LINKABLE_SIGNAL_TYPES.contains(i.type()))
                .map(i -> Indicator.linking(i.type(), i.value())).toList();
        Links links = links(indicators);
        Set<UUID> candidates = new LinkedHashSet<>(links.campaigns().values());
        UUID target;
        if (candidates.isEmpty()) {
            target = Ids.next();
            sql.update("INSERT INTO campaign (id, title, first_seen, last_seen) VALUES (?, ?, now(), now())", target,
                    "Signal from " + signal.operatorId());
        } else {
            target = mergeInto(candidates);
        }
        claim(links.keys(), target, indicators);
        for (Indicator indicator : indicators) {
            sql.update("""
                    INSERT INTO campaign_indicator (campaign_id, type, value, report_count) VALUES (?, ?, ?, 0)
                    ON CONFLICT (campaign_id, type, value) DO NOTHING""", target, indicator.type(), indicator.value());
        }
        sql.update("""
                INSERT INTO campaign_signal (signal_id, campaign_id, operator_id, observed_calls, note)
                VALUES (?, ?, ?, ?::integer, ?::text) ON CONFLICT (signal_id) DO NOTHING""",
                signal.signalId(), target, signal.operatorId(), signal.observedCalls(), signal.note());
        return target;
    }

    /** The keys a report or signal links on, and the campaign each of those already taken points at. */
    private record Links(List<String> keys, Map<String, UUID> campaigns) {
    }

    /**
     * Looks up every link key of {@code indicators}. A text band whose kept signature is not close
     * enough to this message's is someone else's template that happens to share a band: it proposes
     * no campaign and this report does not claim it.
     */
    private Links links(List<Indicator> indicators) {
        Map<String, Indicator> byKey = new LinkedHashMap<>();
        indicators.stream().filter(i -> i.linkKey() != null).forEach(i -> byKey.putIfAbsent(i.linkKey(), i));
        List<String> keys = new ArrayList<>(byKey.keySet());
        Map<String, UUID> campaigns = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return new Links(keys, campaigns);
        }
        linkKeys.find(keys).forEach((key, link) -> {
            TextFingerprint text = byKey.get(key).text();
            if (text != null && link.text() != null && text.similarity(link.text()) < config.textSimilarity()) {
                keys.remove(key);
            } else {
                campaigns.put(key, link.campaign());
            }
        });
        return new Links(keys, campaigns);
    }

    private UUID open(ReportReceived report, List<Indicator> indicators) {
        UUID id = Ids.next();
        String title = indicators.stream().filter(Indicator::isShown).findFirst()
                .map(i -> i.type() + " " + i.value()).orElse(report.channel() + " report");
        // Its first report is counted with the others of this transaction, by CampaignCounts.
        sql.update("INSERT INTO campaign (id, title, first_seen, last_seen, report_count) VALUES (?, ?, ?, ?, 0)", id,
                title, report.receivedAt(), report.receivedAt());
        return id;
    }

    /**
     * Locks the candidates, keeps the confirmed or largest one (counting this transaction's reports
     * not written yet) and merges the others into it.
     */
    private UUID mergeInto(Set<UUID> candidates) {
        List<Object[]> rows = sql.rows("SELECT id, status, report_count, created_at FROM campaign WHERE id = ANY(?) ORDER BY id FOR UPDATE",
                new ArrayList<>(candidates));
        // Another consumer merged one of them while we waited for the locks: its keys now point
        // elsewhere, and merging it again would count its reports twice. Start over.
        rows.stream().filter(r -> "MERGED".equals(r[1])).findFirst().ifPresent(r -> {
            throw new ConcurrentGroupingException("campaign " + r[0] + " (merged)");
        });
        Object[] survivor = rows.stream().min(Comparator
                .comparing((Object[] r) -> "CONFIRMED".equals(r[1]) ? 0 : 1)
                .thenComparing(r -> -(((Number) r[2]).intValue() + counts.pendingReports((UUID) r[0])))
                .thenComparing(r -> r[3].toString())).orElseThrow();
        UUID target = (UUID) survivor[0];
        List<UUID> others = rows.stream().map(r -> (UUID) r[0]).filter(id -> !id.equals(target)).toList();
        if (!others.isEmpty()) {
            // The merge moves keys and reports by what the tables hold: this transaction's go first.
            linkKeys.write();
            reports.write();
            merger.merge(target, others);
            linkKeys.merged(target, others);
            reports.merged(target, others);
            counts.moveTo(target, others);
        }
        return target;
    }

    /**
     * Points every key at {@code target} (a text band keeps the signature of the message that first
     * claimed it). Keys that already linked point at a candidate, which is the target now or was
     * merged into it; the others are inserted at {@link #flush()}, which also checks that no other
     * consumer gave one of them to another campaign meanwhile.
     */
    private void claim(List<String> keys, UUID target, List<Indicator> indicators) {
        TextFingerprint text = indicators.stream().map(Indicator::text).filter(Objects::nonNull).findFirst().orElse(null);
        Set<String> textKeys = indicators.stream().filter(i -> i.text() != null).map(Indicator::linkKey)
                .collect(Collectors.toSet());
        linkKeys.claim(keys, target, textKeys, text);
    }

}
