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
import java.util.stream.Stream;

import org.hibernate.query.NativeQuery;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

    private final EntityManager db;
    private final IndicatorExtractor extractor;
    private final GroupingConfig config;
    private final Outbox outbox;
    private final CampaignMerger merger;

    public Grouping(EntityManager db, IndicatorExtractor extractor, GroupingConfig config, Outbox outbox,
            CampaignMerger merger) {
        this.db = db;
        this.extractor = extractor;
        this.config = config;
        this.outbox = outbox;
        this.merger = merger;
    }

    /** Groups one report (idempotent: a report already grouped keeps its campaign). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID group(ReportReceived report) {
        List<?> known = db.createNativeQuery("SELECT campaign_id FROM campaign_report WHERE report_id = ?1")
                .setParameter(1, report.reportId()).getResultList();
        if (!known.isEmpty()) {
            return (UUID) known.get(0);
        }
        List<Indicator> indicators = new ArrayList<>(extractor.extract(report));
        Set<UUID> candidates = new LinkedHashSet<>();
        if (report.sender() != null && "PHONE".equals(report.sender().kind())) {
            String e164 = report.sender().e164();
            // Rotating through a block is how calling campaigns (wangiri) work. SMS senders are
            // mostly hijacked or random mobiles: at national volume every mobile block would turn
            // "hot" and glue unrelated campaigns together, so blocks link only for the channels
            // configured (tocsin.grouping.range-channels, calls by default).
            if (config.rangeChannels().contains(report.channel())) {
                hotRange(e164, report.receivedAt(), candidates).ifPresent(range -> {
                    indicators.add(range);
                    widerRange(range.value(), report.receivedAt(), candidates).ifPresent(indicators::add);
                });
            }
            knownRanges(e164).stream().filter(range -> !indicators.contains(range)).forEach(indicators::add);
        }
        Links links = links(indicators);
        candidates.addAll(links.campaigns());
        if (candidates.size() > 1) {
            countMerges(links.keys());
        }
        UUID target = candidates.isEmpty() ? open(report, indicators) : mergeInto(candidates);
        claim(links.keys(), target, indicators);
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
        long numbers = ((Number) db.createNativeQuery("""
                WITH seen AS (
                    INSERT INTO number_block (block, e164, last_seen) VALUES (?1, ?2, ?3)
                    ON CONFLICT (block, e164) DO UPDATE SET last_seen = GREATEST(number_block.last_seen, EXCLUDED.last_seen)
                    RETURNING 1)
                SELECT 1 + count(*) FROM number_block WHERE block = ?1 AND e164 <> ?2 AND last_seen > ?4""")
                .setParameter(1, block).setParameter(2, e164).setParameter(3, at)
                .setParameter(4, at.minus(config.rangeWindow())).getSingleResult()).longValue();
        if (numbers < config.rangeMinNumbers()) {
            return java.util.Optional.empty();
        }
        // The block's numbers may already sit in campaigns of their own: the range joins them. Looked
        // up on every report of a hot block, not only when it turns hot: a number grouped
        // concurrently with the block turning hot may have opened a campaign the range must absorb.
        List<?> neighbours = db.createNativeQuery(
                "SELECT DISTINCT campaign_id FROM link_key WHERE key >= ?1 AND key < ?2 AND NOT demoted")
                .setParameter(1, "NUMBER:" + block).setParameter(2, "NUMBER:" + block + "~").getResultList();
        neighbours.forEach(id -> candidates.add((UUID) id));
        return java.util.Optional.of(Indicator.linking(Indicator.NUMBER_RANGE, block));
    }

    /**
     * When several hot 100-blocks share a 1,000-block, the range widens: the wider prefix links,
     * and the campaigns of those blocks join. At most 10 blocks of 100 numbers are read.
     */
    private java.util.Optional<Indicator> widerRange(String block, Instant at, Set<UUID> candidates) {
        String wide = block.substring(0, block.length() - 1);
        long hotBlocks = ((Number) db.createNativeQuery("""
                SELECT count(*) FROM (SELECT block FROM number_block
                    WHERE block >= ?1 AND block < ?2 AND last_seen > ?3 GROUP BY block HAVING count(*) >= ?4) hot""")
                .setParameter(1, wide).setParameter(2, wide + "~").setParameter(3, at.minus(config.rangeWindow()))
                .setParameter(4, config.rangeMinNumbers()).getSingleResult()).longValue();
        if (hotBlocks < config.rangeWidenAfterBlocks()) {
            return java.util.Optional.empty();
        }
        db.createNativeQuery("SELECT DISTINCT campaign_id FROM link_key WHERE key >= ?1 AND key < ?2 AND NOT demoted")
                .setParameter(1, "NUMBER_RANGE:" + wide).setParameter(2, "NUMBER_RANGE:" + wide + "~")
                .getResultList().forEach(id -> candidates.add((UUID) id));
        return java.util.Optional.of(Indicator.linking(Indicator.NUMBER_RANGE, wide));
    }

    /** Ranges already linking (an operator's signal, a wider block) that contain the number. */
    private List<Indicator> knownRanges(String e164) {
        List<String> keys = new ArrayList<>();
        for (int end = e164.length() - 1; end >= MIN_RANGE_PREFIX; end--) {
            keys.add("NUMBER_RANGE:" + e164.substring(0, end));
        }
        List<?> known = db.createNativeQuery("SELECT key FROM link_key WHERE key IN (?1) AND NOT demoted")
                .setParameter(1, keys)
                .getResultList();
        return known.stream().map(key -> Indicator.linking(Indicator.NUMBER_RANGE,
                ((String) key).substring("NUMBER_RANGE:".length()))).toList();
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
        Set<UUID> candidates = links.campaigns();
        UUID target;
        if (candidates.isEmpty()) {
            target = UUID.randomUUID();
            db.createNativeQuery("INSERT INTO campaign (id, title, first_seen, last_seen) VALUES (?1, ?2, now(), now())")
                    .setParameter(1, target).setParameter(2, "Signal from " + signal.operatorId()).executeUpdate();
        } else {
            target = mergeInto(candidates);
        }
        claim(links.keys(), target, indicators);
        for (Indicator indicator : indicators) {
            db.createNativeQuery("""
                    INSERT INTO campaign_indicator (campaign_id, type, value, report_count) VALUES (?1, ?2, ?3, 0)
                    ON CONFLICT (campaign_id, type, value) DO NOTHING""")
                    .setParameter(1, target).setParameter(2, indicator.type()).setParameter(3, indicator.value())
                    .executeUpdate();
        }
        db.createNativeQuery("""
                INSERT INTO campaign_signal (signal_id, campaign_id, operator_id, observed_calls, note)
                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (signal_id) DO NOTHING""")
                .setParameter(1, signal.signalId()).setParameter(2, target).setParameter(3, signal.operatorId())
                .setParameter(4, signal.observedCalls()).setParameter(5, signal.note()).executeUpdate();
        return target;
    }

    /**
     * Counts a merge against every key of this report that already linked somewhere; a key that
     * keeps merging campaigns is demoted so correlation stays bounded (MISP's correlation table
     * explodes on exactly such keys).
     */
    private void countMerges(List<String> keys) {
        db.createNativeQuery("""
                UPDATE link_key SET merges = merges + 1, demoted = (merges + 1 >= ?2)
                WHERE key IN (?1) AND NOT demoted""")
                .setParameter(1, keys).setParameter(2, config.demoteAfterMerges()).executeUpdate();
    }

    /** The keys a report or signal links on, and the campaigns they already point at. */
    private record Links(List<String> keys, Set<UUID> campaigns) {
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
        Set<UUID> campaigns = new LinkedHashSet<>();
        if (keys.isEmpty()) {
            return new Links(keys, campaigns);
        }
        List<Object[]> rows = db.createNativeQuery(
                "SELECT key, campaign_id, signature FROM link_key WHERE key IN (?1) AND NOT demoted")
                .setParameter(1, keys).getResultList();
        for (Object[] row : rows) {
            TextFingerprint text = byKey.get((String) row[0]).text();
            if (text != null && row[2] != null
                    && text.similarity(TextFingerprint.fromBytes((byte[]) row[2])) < config.textSimilarity()) {
                keys.remove((String) row[0]);
            } else {
                campaigns.add((UUID) row[1]);
            }
        }
        return new Links(keys, campaigns);
    }

    private UUID open(ReportReceived report, List<Indicator> indicators) {
        UUID id = UUID.randomUUID();
        String title = indicators.stream().filter(Indicator::isShown).findFirst()
                .map(i -> i.type() + " " + i.value()).orElse(report.channel() + " report");
        db.createNativeQuery("INSERT INTO campaign (id, title, first_seen, last_seen) VALUES (?1, ?2, ?3, ?3)")
                .setParameter(1, id).setParameter(2, title).setParameter(3, report.receivedAt()).executeUpdate();
        return id;
    }

    /** Locks the candidates, keeps the confirmed or largest one and merges the others into it. */
    private UUID mergeInto(Set<UUID> candidates) {
        List<Object[]> rows = db.createNativeQuery("""
                SELECT id, status, report_count, created_at FROM campaign WHERE id IN (?1) ORDER BY id FOR UPDATE""")
                .setParameter(1, new ArrayList<>(candidates)).getResultList();
        // Another consumer merged one of them while we waited for the locks: its keys now point
        // elsewhere, and merging it again would count its reports twice. Start over.
        rows.stream().filter(r -> "MERGED".equals(r[1])).findFirst().ifPresent(r -> {
            throw new ConcurrentGroupingException("campaign " + r[0] + " (merged)");
        });
        Object[] survivor = rows.stream().min(Comparator
                .comparing((Object[] r) -> "CONFIRMED".equals(r[1]) ? 0 : 1)
                .thenComparing(r -> -((Number) r[2]).intValue())
                .thenComparing(r -> r[3].toString())).orElseThrow();
        UUID target = (UUID) survivor[0];
        List<UUID> others = rows.stream().map(r -> (UUID) r[0]).filter(id -> !id.equals(target)).toList();
        if (!others.isEmpty()) {
            merger.merge(target, others);
        }
        return target;
    }

    /**
     * Points every key at {@code target} (a text band keeps the signature of the message that first
     * claimed it); a key another consumer just gave to another campaign means retry.
     */
    private void claim(List<String> keys, UUID target, List<Indicator> indicators) {
        if (!keys.isEmpty()) {
            // One statement for all keys: a text message has some twenty (its bands, number, domain).
            TextFingerprint text = indicators.stream().map(Indicator::text).filter(Objects::nonNull).findFirst().orElse(null);
            Set<String> textKeys = indicators.stream().filter(i -> i.text() != null).map(Indicator::linkKey)
                    .collect(Collectors.toSet());
            db.createNativeQuery("""
                    INSERT INTO link_key (key, campaign_id, signature)
                    SELECT k, ?2, NULL FROM unnest(string_to_array(?1, chr(10))) k
                    UNION ALL SELECT k, ?2, ?4 FROM unnest(string_to_array(?3, chr(10))) k
                    ON CONFLICT (key) DO NOTHING""").unwrap(NativeQuery.class)
                    .setParameter(1, lines(keys.stream().filter(k -> !textKeys.contains(k))))
                    .setParameter(2, target)
                    .setParameter(3, lines(keys.stream().filter(textKeys::contains)))
                    .setParameter(4, text == null ? null : text.toBytes(), byte[].class).executeUpdate();
            List<?> elsewhere = db.createNativeQuery(
                    "SELECT key FROM link_key WHERE key IN (?1) AND campaign_id <> ?2 AND NOT demoted")
                    .setParameter(1, keys).setParameter(2, target).getResultList();
            if (!elsewhere.isEmpty()) {
                throw new ConcurrentGroupingException("link key " + elsewhere.get(0));
            }
        }
    }

    private void record(ReportReceived report, List<Indicator> indicators, UUID target) {
        List<Indicator> shown = indicators.stream().filter(Indicator::isShown).distinct().toList();
        if (!shown.isEmpty()) {
            db.createNativeQuery("""
                    INSERT INTO campaign_indicator (campaign_id, type, value, report_count)
                    SELECT ?1, type, value, 1 FROM unnest(string_to_array(?2, chr(10)), string_to_array(?3, chr(10))) AS i(type, value)
                    ON CONFLICT (campaign_id, type, value) DO UPDATE SET report_count = campaign_indicator.report_count + 1""")
                    .setParameter(1, target).setParameter(2, lines(shown.stream().map(Indicator::type)))
                    .setParameter(3, lines(shown.stream().map(Indicator::value))).executeUpdate();
        }
        ReportReceived.Party sender = report.sender();
        db.createNativeQuery("""
                INSERT INTO campaign_report (report_id, campaign_id, channel, region, sender, message, received_at,
                                             indicators, link_keys)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, string_to_array(?8, chr(10)), string_to_array(?9, chr(10)))""")
                .setParameter(1, report.reportId()).setParameter(2, target).setParameter(3, report.channel())
                .setParameter(4, sender == null ? null : sender.region())
                .setParameter(5, sender == null ? null : sender.e164() != null ? sender.e164() : sender.value())
                .setParameter(6, report.message()).setParameter(7, report.receivedAt())
                .setParameter(8, lines(shown.stream().map(i -> i.type() + " " + i.value())))
                .setParameter(9, lines(indicators.stream().map(Indicator::linkKey).filter(Objects::nonNull)))
                .executeUpdate();
        db.createNativeQuery("""
                UPDATE campaign SET report_count = report_count + 1, first_seen = LEAST(first_seen, ?2),
                       last_seen = GREATEST(last_seen, ?2), updated_at = now() WHERE id = ?1""")
                .setParameter(1, target).setParameter(2, report.receivedAt()).executeUpdate();
    }

    /** Values joined by newlines, for {@code string_to_array(?, chr(10))}: one statement instead of one per value. */
    private static String lines(Stream<String> values) {
        return values.collect(Collectors.joining("\n"));
    }
}
