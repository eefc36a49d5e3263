package be.tocsin.report.lookup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.web.Language;
import be.tocsin.report.ReportConfig;
import be.tocsin.report.advice.Advisor;
import be.tocsin.report.sender.PhoneNumber;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.cache.CompositeCacheKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Answers number lookups from the per-number counters, the protected list and the indicators of
 * confirmed campaigns (a number inside a confirmed range is a confirmed scam even if nobody reported
 * it). Answers are cached; new reports and campaign events invalidate them.
 */
@ApplicationScoped
public class NumberLookup {

    public static final String CACHE = "number-lookups";
    private static final int SHORTEST_RANGE_PREFIX = 4;

    private final Sql sql;
    private final Advisor advisor;
    private final ReportConfig config;
    private final Cache cache;

    public NumberLookup(Sql sql, Advisor advisor, ReportConfig config, @CacheName(CACHE) Cache cache) {
        this.sql = sql;
        this.advisor = advisor;
        this.config = config;
        this.cache = cache;
    }

    /** The answer for a number; cached per (E.164, language), so a new report can drop exactly its own. */
    @CacheResult(cacheName = CACHE)
    @Transactional(Transactional.TxType.SUPPORTS)
    public NumberReport lookup(@CacheKey String e164, @CacheKey Language language, PhoneNumber number) {
        Facts facts = facts(number.e164());
        if (facts.isProtected()) {
            return new NumberReport(number.e164(), number.region(), number.type(), Verdict.PROTECTED,
                    new NumberReport.Counts(null, null), true, null, null, null,
                    advisor.forNumber(number, Verdict.PROTECTED, null, language));
        }
        NumberStatistics.Counts counts = facts.counts();
        Optional<NumberReport.CampaignLink> confirmed = facts.confirmed();
        Verdict verdict = confirmed.isPresent() ? Verdict.CONFIRMED_SCAM
                : counts.total() >= config.publicCountThreshold() && counts.campaignId() != null ? Verdict.SUSPECTED
                : counts.total() > 0 ? Verdict.REPORTED
                : Verdict.UNKNOWN;
        boolean hidden = counts.total() > 0 && counts.total() < config.publicCountThreshold();
        String alertUrl = confirmed.map(NumberReport.CampaignLink::alertUrl).orElse(null);
        return new NumberReport(number.e164(), number.region(), number.type(), verdict,
                hidden ? new NumberReport.Counts(null, null) : new NumberReport.Counts(counts.total(), counts.last30Days()),
                hidden, hidden ? null : counts.firstReportedAt(), hidden ? null : counts.lastReportedAt(),
                confirmed.orElse(null), advisor.forNumber(number, verdict, alertUrl, language));
    }

    /**
     * For each of {@code numbers} that a confirmed campaign covers (the number or its longest range),
     * that campaign's published warning, if it has one: one statement for all of them.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> alertUrlsCovering(Collection<String> numbers) {
        List<String> owners = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String e164 : Set.copyOf(numbers)) {
            for (String prefix : prefixes(e164)) {
                owners.add(e164);
                prefixes.add(prefix);
            }
        }
        Map<String, String> urls = new HashMap<>();
        if (!owners.isEmpty()) {
            for (Object[] row : sql.rows(CONFIRMED_COVERING_EACH, owners, prefixes)) {
                if (row[1] != null) {
                    urls.put((String) row[0], (String) row[1]);
                }
            }
        }
        return urls;
    }

    public NumberReport lookup(PhoneNumber number, Language language) {
        return lookup(number.e164(), language, number);
    }

    /**
     * The cached answer for a number, if there is one, read without waiting: a hit can be answered on
     * the HTTP event loop, and only a miss pays for the hand-over to a worker thread.
     */
    public Optional<NumberReport> cached(PhoneNumber number, Language language) {
        CompletableFuture<NumberReport> answer = cache.as(CaffeineCache.class)
                .getIfPresent(new CompositeCacheKey(number.e164(), language));
        return answer != null && answer.isDone() && !answer.isCompletedExceptionally()
                ? Optional.of(answer.join()) : Optional.empty();
    }

    /** Drops cached answers for these numbers (they just got a new report): a few keys, no scan. */
    public void forget(Collection<String> numbers) {
        for (String e164 : numbers) {
            for (Language language : Language.values()) {
                cache.invalidate(new CompositeCacheKey(e164, language)).await().indefinitely();
            }
        }
    }

    /** Drops every cached answer (a campaign changed: it may cover any number). */
    public void forgetAll() {
        cache.invalidateAll().await().indefinitely();
    }

    /** Everything a lookup reads about a number, from one statement: a cache miss is one round trip. */
    private record Facts(boolean isProtected, NumberStatistics.Counts counts,
            Optional<NumberReport.CampaignLink> confirmed) {
    }

    /**
     * The confirmed campaign of an indicator, looked up by key. A subquery with LIMIT, so PostgreSQL
     * cannot flatten it into a join: the join order stays "the few indicators first, then one key
     * lookup each" even where statistics are missing or stale. Planned as a join, a table not yet
     * analyzed (a fresh store) made it scan every campaign on each lookup: 5.4 times the cost
     * (docs/benchmarks.md).
     */
    private static final String CAMPAIGN_OF_INDICATOR = """
            CROSS JOIN LATERAL (SELECT v.id, v.title, v.alert_url, v.updated_at FROM campaign_view v
                                WHERE v.id = i.campaign_id AND v.status = 'CONFIRMED' LIMIT 1) c""";

    /** The confirmed campaign whose number or longest range covers the prefixes bound to its {@code ?}. */
    private static final String CONFIRMED_COVERING = """
            SELECT c.id, c.title, c.alert_url FROM confirmed_indicator i %s
            WHERE i.value = ANY(?)
            ORDER BY length(i.value) DESC, c.updated_at DESC LIMIT 1""".formatted(CAMPAIGN_OF_INDICATOR);

    /** {@link #CONFIRMED_COVERING} for many numbers at once ({@code ?}: each number as often as it has prefixes, the prefixes). */
    private static final String CONFIRMED_COVERING_EACH = """
            SELECT DISTINCT ON (p.e164) p.e164, c.alert_url
            FROM unnest(?::text[], ?::text[]) AS p(e164, prefix)
            JOIN confirmed_indicator i ON i.value = p.prefix %s
            ORDER BY p.e164, length(i.value) DESC, c.updated_at DESC""".formatted(CAMPAIGN_OF_INDICATOR);

    /** Protected?, the counters and the covering confirmed campaign of one number ({@code ?}: e164, e164, prefixes). */
    private static final String FACTS = """
            SELECT EXISTS (SELECT 1 FROM protected_number WHERE e164 = ?), %s, c.id, c.title, c.alert_url
            FROM (VALUES (1)) AS one
            LEFT JOIN number_stats s ON s.e164 = ?
            LEFT JOIN LATERAL (%s) c ON true""".formatted(NumberStatistics.COUNTS_COLUMNS, CONFIRMED_COVERING);

    // Plain JDBC (platform Sql): through Hibernate, preparing this native query took JFR-measured
    // five times as long as the JDBC call itself, on every cache miss.
    private Facts facts(String e164) {
        Object[] row = sql.rows(FACTS, e164, e164, prefixes(e164)).get(0);
        return new Facts((Boolean) row[0], NumberStatistics.counts(row, 1), campaignLink(row, 6));
    }

    private static Optional<NumberReport.CampaignLink> campaignLink(Object[] row, int from) {
        return row[from] == null ? Optional.empty()
                : Optional.of(new NumberReport.CampaignLink((UUID) row[from], (String) row[from + 1], (String) row[from + 2]));
    }

    /** The number itself and every shorter E.164 prefix a NUMBER_RANGE could be. */
    static List<String> prefixes(String e164) {
        List<String> prefixes = new ArrayList<>();
        for (int end = e164.length(); end >= SHORTEST_RANGE_PREFIX; end--) {
            prefixes.add(e164.substring(0, end));
        }
        return prefixes;
    }
}
