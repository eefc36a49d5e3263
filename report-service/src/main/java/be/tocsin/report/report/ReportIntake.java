package be.tocsin.report.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.persistence.GroupCommit;
import be.tocsin.platform.persistence.Ids;
import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.persistence.TransactionHooks;
import be.tocsin.platform.problem.ProblemException;
import be.tocsin.report.ReportConfig;
import be.tocsin.report.advice.Advisor;
import be.tocsin.report.lookup.NumberLookup;
import be.tocsin.report.lookup.NumberStatistics;
import be.tocsin.report.report.IdempotencyKeys.Claim;
import be.tocsin.report.sender.Sender;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Accepts reports: the report rows, their numbers' counters, the {@code report.received} outbox
 * events and the idempotency records, then the advice. Reports arriving together are written
 * together ({@link GroupCommit}): one transaction for the whole batch, its rows sent in one round
 * trip just before the commit ({@link Sql#updateAtCommit}), each request answered once that commit
 * is done, so under load the commit and the statements' fixed costs are shared instead of paid per
 * report (docs/benchmarks-journal.md). Written with plain JDBC (platform {@code Sql}): Hibernate's flush and
 * native-query preparation cost more than the statements themselves here.
 */
@ApplicationScoped
@Startup
public class ReportIntake {

    public static final String RECEIVED = "RECEIVED";
    // The batch's reports in one statement, a column per array (received_at is the batch's).
    private static final String INSERT = """
            INSERT INTO report (id, receipt_hash, channel, sender_kind, sender_value, sender_withheld, callback_e164,
                                message, urls, language, occurred_at, received_at)
            SELECT id, receipt_hash, channel, sender_kind, sender_value, sender_withheld, callback_e164,
                   message, urls, language, occurred_at, ?::timestamptz
            FROM unnest(?::uuid[], ?::bytea[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                 AS r(id, receipt_hash, channel, sender_kind, sender_value, sender_withheld, callback_e164,
                      message, urls, language, occurred_at)""";

    private final Sql sql;
    private final IdempotencyKeys idempotencyKeys;
    private final NumberStatistics statistics;
    private final NumberLookup lookup;
    private final Outbox outbox;
    private final Advisor advisor;
    private final ObjectMapper mapper;
    private final ReportConfig.Intake config;
    private final MeterRegistry metrics;
    private final TransactionSynchronizationRegistry transactions;
    private GroupCommit<Submission, Outcome> batches;

    public ReportIntake(Sql sql, IdempotencyKeys idempotencyKeys, NumberStatistics statistics, NumberLookup lookup,
            Outbox outbox, Advisor advisor, ObjectMapper mapper, ReportConfig config, MeterRegistry metrics,
            TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.idempotencyKeys = idempotencyKeys;
        this.statistics = statistics;
        this.lookup = lookup;
        this.outbox = outbox;
        this.advisor = advisor;
        this.mapper = mapper;
        this.config = config.intake();
        this.metrics = metrics;
        this.transactions = transactions;
    }

    @PostConstruct
    void startWriters() {
        DistributionSummary batchSizes = DistributionSummary.builder("tocsin.reports.intake.batch")
                .description("Reports written in one intake transaction").register(metrics);
        batches = new GroupCommit<>("report-intake", config.writers(), config.batchSize(), this::writeTogether,
                batchSizes::record);
        Gauge.builder("tocsin.reports.intake.waiting", batches, GroupCommit::waiting)
                .description("Accepted reports waiting for an intake writer").register(metrics);
    }

    @PreDestroy
    void stopWriters() {
        batches.close();
    }

    /**
     * Stores a valid report, or with a known {@code idempotencyKey} returns the first answer again
     * ({@code requestHash} tells a retry from another report under the same key).
     */
    public ReportAccepted accept(ValidReport report, String idempotencyKey, byte[] requestHash) {
        return acceptAsync(report, idempotencyKey, requestHash).await().indefinitely();
    }

    /**
     * {@link #accept} without holding a thread while the batch commits: the answer comes on a writer
     * thread. A malformed {@code idempotencyKey} is refused at once, before anything is handed in.
     */
    public Uni<ReportAccepted> acceptAsync(ValidReport report, String idempotencyKey, byte[] requestHash) {
        if (idempotencyKey != null) {
            IdempotencyKeys.check(idempotencyKey);
        }
        return Uni.createFrom().completionStage(batches.submitAsync(new Submission(report, idempotencyKey, requestHash)))
                .map(Outcome::answer);
    }

    /** Runs on a writer thread: one transaction for the batch. */
    private List<Outcome> writeTogether(List<Submission> batch) {
        return QuarkusTransaction.requiringNew().call(() -> write(batch));
    }

    private List<Outcome> write(List<Submission> batch) {
        Outcome[] outcomes = new Outcome[batch.size()];
        List<Integer> fresh = new ArrayList<>();
        Map<String, Integer> claimedHere = claimKeys(batch, outcomes, fresh);

        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> numbers = fresh.stream().flatMap(i -> batch.get(i).report().numbers().stream()).toList();
        Map<String, String> alertUrls = lookup.alertUrlsCovering(numbers);
        List<Object[]> rows = new ArrayList<>();
        List<ReportReceived> events = new ArrayList<>();
        List<IdempotencyKeys.Answer> answers = new ArrayList<>();
        for (int i : fresh) {
            Submission submission = batch.get(i);
            ValidReport report = submission.report();
            String receipt = Receipts.newReceipt();
            UUID id = Ids.next();
            rows.add(row(report, id, receipt));
            events.add(new ReportReceived(id, report.channel(), report.sender(), report.senderWithheld(),
                    report.callback(), report.message(), report.urls(), report.occurredAt(), receivedAt,
                    report.language().name()));
            String alertUrl = report.numbers().stream().map(alertUrls::get).filter(Objects::nonNull).findFirst()
                    .orElse(null);
            ReportAccepted accepted = new ReportAccepted(id, receipt, RECEIVED, report.sender(), report.callback(),
                    report.urls(), advisor.forReport(report, alertUrl));
            outcomes[i] = Outcome.of(accepted);
            if (submission.idempotencyKey() != null) {
                answers.add(new IdempotencyKeys.Answer(submission.idempotencyKey(), id, toJson(accepted)));
            }
        }
        // The reports, their counters and their events go in one round trip at the commit: nothing
        // here reads them back, and the counters' rows stay locked for that round trip only.
        if (!rows.isEmpty()) {
            sql.updateAtCommit(INSERT, Stream.concat(Stream.of(receivedAt), Sql.columns(rows).stream()).toArray());
        }
        statistics.countReports(numbers, receivedAt);
        outbox.publishAll(EventTypes.REPORT_RECEIVED, events);
        if (!answers.isEmpty()) {
            idempotencyKeys.complete(answers);
        }
        answerRepeatedKeys(batch, outcomes, claimedHere);
        // After the commit, so that a lookup in between cannot cache the old answer again; as a hook,
        // so that nothing after the commit can make the batch look failed (and be written twice).
        TransactionHooks.afterCommit(transactions, () -> lookup.forget(numbers));
        return List.of(outcomes);
    }

    /**
     * Claims the batch's keys in key order, so two writers never wait on each other's keys in a
     * cycle. Fills {@code fresh} with the submissions that make a new report and {@code outcomes} for
     * those a key already answers; returns which submission claimed each key of this batch.
     */
    private Map<String, Integer> claimKeys(List<Submission> batch, Outcome[] outcomes, List<Integer> fresh) {
        Map<String, Integer> claimedHere = new HashMap<>();
        List<Integer> keyed = IntStream.range(0, batch.size()).filter(i -> batch.get(i).idempotencyKey() != null)
                .boxed().sorted(Comparator.comparing(i -> batch.get(i).idempotencyKey())).toList();
        for (int i : keyed) {
            Submission submission = batch.get(i);
            if (claimedHere.containsKey(submission.idempotencyKey())) {
                continue; // a retry within the batch: answered once its first has its report
            }
            Claim claim = idempotencyKeys.claim(submission.idempotencyKey(), submission.requestHash());
            if (claim instanceof Claim.First) {
                claimedHere.put(submission.idempotencyKey(), i);
            } else if (claim instanceof Claim.Answered earlier) {
                outcomes[i] = Outcome.of(fromJson(earlier.response()));
            } else {
                outcomes[i] = Outcome.refused(IdempotencyKeys.misused());
            }
        }
        IntStream.range(0, batch.size())
                .filter(i -> batch.get(i).idempotencyKey() == null
                        || Integer.valueOf(i).equals(claimedHere.get(batch.get(i).idempotencyKey())))
                .forEach(fresh::add);
        return claimedHere;
    }

    /** A key sent twice in one batch: the same body gets the first one's answer, another body a 422. */
    private static void answerRepeatedKeys(List<Submission> batch, Outcome[] outcomes, Map<String, Integer> claimedHere) {
        for (int i = 0; i < batch.size(); i++) {
            Integer first = batch.get(i).idempotencyKey() == null ? null : claimedHere.get(batch.get(i).idempotencyKey());
            if (outcomes[i] == null && first != null) {
                outcomes[i] = Arrays.equals(batch.get(i).requestHash(), batch.get(first).requestHash())
                        ? outcomes[first] : Outcome.refused(IdempotencyKeys.misused());
            }
        }
    }

    /** The report row, read back elsewhere as the {@link Report} entity. */
    private Object[] row(ValidReport report, UUID id, String receipt) {
        Sender sender = report.sender();
        return new Object[] { id, Receipts.hash(receipt), report.channel().name(),
                sender == null ? null : sender.kind().name(), sender == null ? null : sender.key(),
                report.senderWithheld(), report.callback() == null ? null : report.callback().e164(),
                report.message(), report.urls().isEmpty() ? null : toJson(report.urls()), report.language().name(),
                report.occurredAt() };
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReportAccepted fromJson(String json) {
        try {
            return mapper.readValue(json, ReportAccepted.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One request's report, handed to the writers. */
    private record Submission(ValidReport report, String idempotencyKey, byte[] requestHash) {
    }

    /** What one request gets: its answer, or the refusal of its key. */
    private record Outcome(ReportAccepted accepted, ProblemException refused) {
        static Outcome of(ReportAccepted accepted) {
            return new Outcome(accepted, null);
        }

        static Outcome refused(ProblemException refused) {
            return new Outcome(null, refused);
        }

        ReportAccepted answer() {
            if (refused != null) {
                throw refused;
            }
            return accepted;
        }
    }
}
