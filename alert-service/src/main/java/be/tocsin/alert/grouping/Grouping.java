package be.tocsin.alert.grouping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.persistence.Ids;
import be.tocsin.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Attaches a report to a campaign. Cost is bounded by the report's own indicators: each is an
 * indexed key; a block that turns hot adds at most the 100 numbers of that block. Never a scan of
 * past reports. A report whose keys point at several campaigns merges them into the largest.
 */
@ApplicationScoped
public class Grouping {

    private static final int MIN_RANGE_PREFIX = 6;
    private static final Set<String> LINKABLE_SIGNAL_TYPES = Set.of(
            Indicator.NUMBER, Indicator.NUMBER_RANGE, Indicator.CALLBACK_NUMBER, Indicator.URL_DOMAIN);

    /** The campaigns of the (not demoted) link keys in a range: a number block's numbers, a wide block's ranges. */
    private static final String CAMPAIGNS_OF_KEYS_BETWEEN =
            "SELECT DISTINCT campaign_id FROM link_key WHERE key >= ? AND key < ? AND NOT demoted";

    private final Sql sql;
    private final IndicatorExtractor extractor;
    private final GroupingConfig config;
    private final Outbox outbox;
    private final CampaignMerger merger;
    private final HotWideBlocks hotWideBlocks;
    private final CampaignCounts counts;

    public Grouping(Sql sql, IndicatorExtractor extractor, GroupingConfig config, Outbox outbox,
            CampaignMerger merger, HotWideBlocks hotWideBlocks, CampaignCounts counts) {
        this.sql = sql;
        this.extractor = extractor;
        this.config = config;
        this.outbox = outbox;
        this.merger = merger;
        this.hotWideBlocks = hotWideBlocks;
        this.counts = counts;
    }

    /**
     * Writes the report counts this transaction's reports added to their campaigns. Call it once,
     * after the last report and before the commit (see {@link CampaignCounts}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flushCounts() {
        counts.flush();
    }

    /**
     * Groups one report (idempotent: a report already grouped keeps its campaign). Its counts are
     * written by {@link #flushCounts()}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID group(ReportReceived report) {
        List<UUID> known = sql.column("SELECT campaign_id FROM campaign_report WHERE report_id = ?", report.reportId());
        if (!known.isEmpty()) {
            return known.get(0);
        }
        List<Indicator> indicators = new ArrayList<>(extractor.extract(report));
        Set<UUID> candidates = new LinkedHashSet<>();
        if (report.sender() != null && "PHONE".equals(report.sender().kind())) {
            String e164 = report.sender().e164();
            List<Indicator> knownRanges = knownRanges(e164);
            // Rotating through a block is how calling campaigns (wangiri) work. SMS senders are
            // mostly hijacked or random mobiles: at national volume every mobile block would turn
            // "hot" and glue unrelated campaigns together, so blocks link only for the channels
            // configured (tocsin.grouping.range-channels, calls by default).
            if (config.rangeChannels().contains(report.channel())) {
                hotRange(e164, report.receivedAt(), candidates).ifPresent(range -> {
                    indicators.add(range);
                    // Once the wider range links, it joins this report through knownRanges: counting
                    // the 1,000-block's hot blocks again would read up to 1,000 rows per report.
                    Indicator wide = Indicator.linking(Indicator.NUMBER_RANGE,
                            range.value().substring(0, range.value().length() - 1));
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
            countMerges(keys);
        }
        UUID target = candidates.isEmpty() ? open(report, indicators)
                : candidates.size() == 1 ? candidates.iterator().next()
                : mergeInto(candidates);
        claim(keys, links.campaigns().keySet(), target, indicators);
        record(report, indicators, target);
        outbox.publish(EventTypes.REPORT_LINKED, Map.of("reportId", report.reportId(), "campaignId", target));
        return target;
    }

    /**
     * When the number's 100-block has had enough distinct numbers lately, its NUMBER_RANGE
     * indicator. The number is recorded and the block counted in one statement (the number itself
     * counts as seen now).
     */
    private java.util.Optional<Indicator> hotRange(String e164, Instant at, Set<UUID> candidates) {
        if (e164 == null || e164.length() < 8) {
            return java.util.Optional.empty();
        }
        String block = e164.substring(0, e164.length() - 2);
        long numbers = sql.<Long>column("""
                WITH seen AS (
                    INSERT INTO number_block (block, e164, last_seen) VALUES (?, ?, ?)
                    ON CONFLICT (block, e164) DO UPDATE SET last_seen = GREATEST(number_block.last_seen, EXCLUDED.last_seen)
                    RETURNING 1)
                SELECT 1 + count(*) FROM number_block WHERE block = ? AND e164 <> ? AND last_seen > ?""",
                block, e164, at, block, e164, at.minus(config.rangeWindow())).get(0);
        if (numbers < config.rangeMinNumbers()) {
            return java.util.Optional.empty();
        }
        // The block's numbers may already sit in campaigns of their own: the range joins them. Looked
        // up on every report of a hot block, not only when it turns hot: a number grouped
        // concurrently with the block turning hot may have opened a campaign the range must absorb.
        candidates.addAll(sql.<UUID>column(CAMPAIGNS_OF_KEYS_BETWEEN, "NUMBER:" + block, "NUMBER:" + block + "~"));
        return java.util.Optional.of(Indicator.linking(Indicator.NUMBER_RANGE, block));
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
        candidates.addAll(sql.<UUID>column(CAMPAIGNS_OF_KEYS_BETWEEN, "NUMBER_RANGE:" + wide, "NUMBER_RANGE:" + wide + "~"));
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

    /** Ranges already linking (an operator's signal, a wider block) that contain the number. */
    private List<Indicator> knownRanges(String e164) {
        List<String> keys = new ArrayList<>();
        for (int end = e164.length() - 1; end >= MIN_RANGE_PREFIX; end--) {
            keys.add("NUMBER_RANGE:" + e164.substring(0, end));
        }
        List<String> known = sql.column("SELECT key FROM link_key WHERE key = ANY(?) AND NOT demoted", keys);
        return known.stream().map(key -> Indicator.linking(Indicator.NUMBER_RANGE,
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
        claim(links.keys(), links.campaigns().keySet(), target, indicators);
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

    /**
     * Counts a merge against every key of this report that already linked somewhere; a key that
     * keeps merging campaigns is demoted so correlation stays bounded (MISP's correlation table
     * explodes on exactly such keys).
     */
    private void countMerges(List<String> keys) {
        sql.update("UPDATE link_key SET merges = merges + 1, demoted = (merges + 1 >= ?) WHERE key = ANY(?) AND NOT demoted",
                config.demoteAfterMerges(), keys);
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
        List<Object[]> rows = sql.rows("SELECT key, campaign_id, signature FROM link_key WHERE key = ANY(?) AND NOT demoted",
                keys);
        for (Object[] row : rows) {
            TextFingerprint text = byKey.get((String) row[0]).text();
            if (text != null && row[2] != null
                    && text.similarity(TextFingerprint.fromBytes((byte[]) row[2])) < config.textSimilarity()) {
                keys.remove((String) row[0]);
            } else {
                campaigns.put((String) row[0], (UUID) row[1]);
            }
        }
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
            merger.merge(target, others);
            counts.moveTo(target, others);
        }
        return target;
    }

    /**
     * Points every key at {@code target} (a text band keeps the signature of the message that first
     * claimed it); a key another consumer just gave to another campaign means retry. Keys that
     * already linked ({@code linked}) point at a candidate, which is the target now or was merged
     * into it: only the others are inserted (a repeated template's twenty keys are all linked).
     */
    private void claim(List<String> keys, Set<String> linked, UUID target, List<Indicator> indicators) {
        if (!keys.isEmpty()) {
            List<String> unclaimed = keys.stream().filter(key -> !linked.contains(key)).toList();
            if (!unclaimed.isEmpty()) {
                insertKeys(unclaimed, target, indicators);
            }
            List<String> elsewhere = sql.column(
                    "SELECT key FROM link_key WHERE key = ANY(?) AND campaign_id <> ? AND NOT demoted", keys, target);
            if (!elsewhere.isEmpty()) {
                throw new ConcurrentGroupingException("link key " + elsewhere.get(0));
            }
        }
    }

    /** One statement for all keys: a text message has some twenty (its bands, number, domain). */
    private void insertKeys(List<String> keys, UUID target, List<Indicator> indicators) {
        TextFingerprint text = indicators.stream().map(Indicator::text).filter(Objects::nonNull).findFirst().orElse(null);
        Set<String> textKeys = indicators.stream().filter(i -> i.text() != null).map(Indicator::linkKey)
                .collect(Collectors.toSet());
        sql.update("""
                INSERT INTO link_key (key, campaign_id, signature)
                SELECT k, ?::uuid, NULL::bytea FROM unnest(?::text[]) k
                UNION ALL SELECT k, ?::uuid, ?::bytea FROM unnest(?::text[]) k
                ON CONFLICT (key) DO NOTHING""",
                target, keys.stream().filter(k -> !textKeys.contains(k)).toList(),
                target, text == null ? null : text.toBytes(), keys.stream().filter(textKeys::contains).toList());
    }

    private void record(ReportReceived report, List<Indicator> indicators, UUID target) {
        List<Indicator> shown = indicators.stream().filter(Indicator::isShown).distinct().toList();
        counts.report(target, report.receivedAt(), shown);
        ReportReceived.Party sender = report.sender();
        sql.update("""
                INSERT INTO campaign_report (report_id, campaign_id, channel, region, sender, message, received_at,
                                             indicators, link_keys)
                VALUES (?, ?, ?, ?::text, ?::text, ?::text, ?, ?::text[], ?::text[])""",
                report.reportId(), target, report.channel(), sender == null ? null : sender.region(),
                sender == null ? null : sender.e164() != null ? sender.e164() : sender.value(),
                report.message(), report.receivedAt(),
                shown.stream().map(i -> i.type() + " " + i.value()).toList(),
                indicators.stream().map(Indicator::linkKey).filter(Objects::nonNull).toList());
    }

}
