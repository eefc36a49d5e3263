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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import be.tocsin.platform.persistence.GroupCommit;
import be.tocsin.platform.persistence.PeriodicWork;
import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.persistence.TransactionHooks;
import be.tocsin.platform.web.Language;
import be.tocsin.report.ReportConfig;
import be.tocsin.report.advice.Advisor;
import be.tocsin.report.sender.PhoneNumber;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Answers number lookups from the per-number counters, the protected list and the indicators of
 * confirmed campaigns (a number inside a confirmed range is a confirmed scam even if nobody reported
 * it). Answers are cached; new reports and campaign events invalidate them (campaign events and
 * the protected list in every instance, see {@link #forgetAll}). A statement looks only for the
 * ranges {@link KnownNumbers} may hold, not for every prefix of a number.
 */
@ApplicationScoped
public class NumberLookup {

    private static final int SHORTEST_RANGE_PREFIX = 4;
    private static final long NOT_READ_YET = -1;

    private final Sql sql;
    private final KnownNumbers known;
    private final Advisor advisor;
    private final ReportConfig config;
    /**
     * The facts of each number recently looked up or being read, whatever the answer's language.
     * Caffeine's own futures, not Quarkus' cache and Mutiny: wrapping each lookup in Unis captured
     * and restored every propagated context (transaction, CDI, Vert.x) at each stage; without them a
     * lookup costs report-service 5–11 % less CPU (docs/benchmarks-journal.md, 2026-12-07 09:49).
     */
    private final AsyncCache<String, Facts> cache;
    private final MeterRegistry metrics;
    private final TransactionSynchronizationRegistry transactions;
    private GroupCommit<String, Facts> misses;
    /** The latest count of changes for every number that this instance's cache has been dropped for. */
    private final AtomicLong seenGeneration = new AtomicLong(NOT_READ_YET);

    public NumberLookup(Sql sql, KnownNumbers known, Advisor advisor, ReportConfig config, MeterRegistry metrics,
            TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.known = known;
        this.advisor = advisor;
        this.config = config;
        // Caffeine's upkeep (evictions, expiry, its buffers) runs on the thread that wrote, not on
        // the common pool, where a stream of misses handed it every few writes, each time waking a
        // pool thread: report-service's context switches per stored number's lookup fell from 1.8 to
        // 0.5 and its CPU by a fifth (docs/benchmarks-journal.md, 2026-12-07 12:44).
        this.cache = Caffeine.newBuilder().maximumSize(config.lookups().cachedNumbers())
                .expireAfterWrite(config.lookups().cachedFor()).executor(Runnable::run).buildAsync();
        this.metrics = metrics;
        this.transactions = transactions;
    }

    @PostConstruct
    void startReaders() {
        DistributionSummary batchSizes = DistributionSummary.builder("tocsin.lookups.read.batch")
                .description("Missed numbers read by one statement").register(metrics);
        misses = new GroupCommit<>("number-lookups", config.lookups().readers(), config.lookups().batchSize(),
                this::factsOf, batchSizes::record);
        known.whenAnswersChangeForAll(this::forgetEveryAnswer);
    }

    @PreDestroy
    void stopReaders() {
        misses.close();
    }

    /**
     * The answer for a number. A number nothing is known of ({@link KnownNumbers}) is answered at once
     * and not cached: the next lookup asks the filter again, which learns of a new report within
     * milliseconds of its commit, in every instance. Other numbers' facts are cached, so a new report
     * can drop exactly its own. A hit is answered at once on the calling thread (the HTTP event loop);
     * misses arriving together are read by one statement on a reader thread, and the HTTP layer
     * resumes each request on its own event loop. A miss being read is in the cache already, as a
     * pending future: a report committed meanwhile drops it, so it cannot outlive the change.
     */
    public CompletionStage<NumberReport> lookup(PhoneNumber number, Language language) {
        if (!known.mightFindAnything(number.e164())) {
            return CompletableFuture.completedFuture(answer(number, language, Facts.NONE));
        }
        return cache.get(number.e164(), (e164, executor) -> misses.submitAsync(e164))
                .thenApply(facts -> answer(number, language, facts));
    }

    private NumberReport answer(PhoneNumber number, Language language, Facts facts) {
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
        coveringParameters(Set.copyOf(numbers), owners, prefixes);
        Map<String, String> urls = new HashMap<>();
        if (!owners.isEmpty()) {
            for (Object[] row : sql.rows(CONFIRMED_COVERING_EACH, owners, prefixes)) {
                if (row[3] != null) {
                    urls.put((String) row[0], (String) row[3]);
                }
            }
        }
        return urls;
    }

    /** Drops the cached facts of these numbers (they just got a new report): a few keys, no scan. */
    public void forget(Collection<String> numbers) {
        known.add(numbers); // first: an answer given between the two would not be cached, but would be wrong
        cache.synchronous().invalidateAll(numbers);
    }

    /**
     * Drops every cached answer, in this instance and the others, once the current transaction
     * commits (a campaign or the protected list changed: it may concern any number). Not before: a
     * lookup in between would read the old state and cache it again. Call it last in the
     * transaction, once: it locks the one generation row until the commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetAll() {
        long counted = sql.<Long>column("UPDATE lookup_answers_generation SET generation = generation + 1 RETURNING generation").get(0);
        TransactionHooks.afterCommit(transactions, () -> {
            forgetEveryAnswer();
            // Seen: this instance's next read of the count need not drop the answers again. (Changes
            // counted before this one committed before it, so dropping now covered them too.)
            seenGeneration.accumulateAndGet(counted, Math::max);
        });
    }

    /**
     * What another instance changed for every number reaches this one's cache here too, in case its
     * announcement was missed (KnownNumbers hears it within milliseconds, V7, unless its listening
     * session was cut meanwhile): the changes counted by {@link #forgetAll} are read every
     * {@code tocsin.reports.lookups.other-instances-every} (one row), and when the count moved every
     * cached answer is dropped. The first read only learns the count (the cache starts empty).
     */
    @Scheduled(every = "${tocsin.reports.lookups.other-instances-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetWhatOtherInstancesChanged() {
        PeriodicWork.round("Reading what other instances changed for every number", () -> {
            long now = sql.<Long>column("SELECT generation FROM lookup_answers_generation").get(0);
            long seen = seenGeneration.getAndAccumulate(now, Math::max);
            if (seen != NOT_READ_YET && seen < now) {
                forgetEveryAnswer();
            }
        });
    }

    private void forgetEveryAnswer() {
        cache.synchronous().invalidateAll();
    }

    /** Everything a lookup reads about a number; misses read together share one statement. */
    private record Facts(boolean isProtected, NumberStatistics.Counts counts,
            Optional<NumberReport.CampaignLink> confirmed) {
        static final Facts NONE = new Facts(false, NumberStatistics.Counts.NONE, Optional.empty());
    }

    /**
     * The confirmed campaign of an indicator, looked up by key. A subquery with LIMIT, so PostgreSQL
     * cannot flatten it into a join: the join order stays "the few indicators first, then one key
     * lookup each" even where statistics are missing or stale. Planned as a join, a table not yet
     * analyzed (a fresh store) made it scan every campaign on each lookup: 5.4 times the cost
     * (docs/benchmarks-journal.md).
     */
    private static final String CAMPAIGN_OF_INDICATOR = """
            CROSS JOIN LATERAL (SELECT v.id, v.title, v.alert_url, v.updated_at FROM campaign_view v
                                WHERE v.id = i.campaign_id AND v.status = 'CONFIRMED' LIMIT 1) c""";

    /**
     * For each number, the confirmed campaign whose number or longest range covers it ({@code ?}: each
     * number as often as it has prefixes, the prefixes).
     */
    private static final String CONFIRMED_COVERING_EACH = """
            SELECT DISTINCT ON (p.e164) p.e164, c.id, c.title, c.alert_url
            FROM unnest(?::text[], ?::text[]) AS p(e164, prefix)
            JOIN confirmed_indicator i ON i.value = p.prefix %s
            ORDER BY p.e164, length(i.value) DESC, c.updated_at DESC""".formatted(CAMPAIGN_OF_INDICATOR);

    /**
     * Everything a lookup reads about each number, for many numbers in one statement: protected?, the
     * counters and the covering confirmed campaign ({@code ?}: as {@link #CONFIRMED_COVERING_EACH},
     * then the numbers).
     */
    private static final String FACTS_EACH = """
            WITH covering AS (%s)
            SELECT n.e164, EXISTS (SELECT 1 FROM protected_number p WHERE p.e164 = n.e164), %s, c.id, c.title, c.alert_url
            FROM unnest(?::text[]) AS n(e164)
            LEFT JOIN number_stats s ON s.e164 = n.e164
            LEFT JOIN covering c ON c.e164 = n.e164""".formatted(CONFIRMED_COVERING_EACH, NumberStatistics.COUNTS_COLUMNS);

    /**
     * Runs on a reader thread: the facts of a batch of missed numbers, in their order. Plain JDBC
     * (platform Sql): through Hibernate, preparing this native query took JFR-measured five times as
     * long as the JDBC call itself.
     */
    private List<Facts> factsOf(List<String> numbers) {
        List<String> distinct = numbers.stream().distinct().toList();
        List<String> owners = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        coveringParameters(distinct, owners, prefixes);
        Map<String, Facts> read = new HashMap<>();
        for (Object[] row : sql.rows(FACTS_EACH, owners, prefixes, distinct)) {
            read.put((String) row[0], new Facts((Boolean) row[1], NumberStatistics.counts(row, 2), campaignLink(row, 7)));
        }
        return numbers.stream().map(read::get).toList();
    }

    private static Optional<NumberReport.CampaignLink> campaignLink(Object[] row, int from) {
        return row[from] == null ? Optional.empty()
                : Optional.of(new NumberReport.CampaignLink((UUID) row[from], (String) row[from + 1], (String) row[from + 2]));
    }

    /**
     * Each number beside each of its prefixes that may be a confirmed value, as often as it has such
     * prefixes: the arrays {@link #CONFIRMED_COVERING_EACH} takes. A prefix the filter never heard of
     * is in no table; leaving it out spared PostgreSQL a sixth of its CPU per lookup (most numbers
     * keep one prefix of ten, themselves). A range another instance confirmed a moment ago may not
     * be heard of yet: the answers cached meanwhile are dropped once it is (V7).
     */
    private void coveringParameters(Collection<String> numbers, List<String> owners, List<String> prefixes) {
        for (String e164 : numbers) {
            for (String prefix : prefixes(e164)) {
                if (known.mightHold(prefix)) {
                    owners.add(e164);
                    prefixes.add(prefix);
                }
            }
        }
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
