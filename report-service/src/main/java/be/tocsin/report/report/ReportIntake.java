package be.tocsin.report.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.persistence.Ids;
import be.tocsin.platform.persistence.Sql;
import be.tocsin.report.advice.Advisor;
import be.tocsin.report.lookup.NumberLookup;
import be.tocsin.report.lookup.NumberStatistics;
import be.tocsin.report.sender.Sender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Accepts a report: in one transaction the report row, its numbers' counters, the
 * {@code report.received} outbox event and the idempotency record; then the advice. Written with
 * plain JDBC (platform {@code Sql}): this is the hot path of every report, and Hibernate's flush and
 * native-query preparation cost more than the statements themselves (JFR, docs/benchmarks.md).
 */
@ApplicationScoped
public class ReportIntake {

    public static final String RECEIVED = "RECEIVED";
    private static final String INSERT = """
            INSERT INTO report (id, receipt_hash, channel, sender_kind, sender_value, sender_withheld, callback_e164,
                                message, urls, language, occurred_at, received_at)
            VALUES (?, ?, ?, ?::text, ?::text, ?, ?::text, ?::text, ?::text, ?, ?, ?)""";

    private final Sql sql;
    private final IdempotencyKeys idempotencyKeys;
    private final NumberStatistics statistics;
    private final NumberLookup lookup;
    private final Outbox outbox;
    private final Advisor advisor;
    private final ObjectMapper mapper;

    public ReportIntake(Sql sql, IdempotencyKeys idempotencyKeys, NumberStatistics statistics, NumberLookup lookup,
            Outbox outbox, Advisor advisor, ObjectMapper mapper) {
        this.sql = sql;
        this.idempotencyKeys = idempotencyKeys;
        this.statistics = statistics;
        this.lookup = lookup;
        this.outbox = outbox;
        this.advisor = advisor;
        this.mapper = mapper;
    }

    /** Stores a valid report, or with a known {@code idempotencyKey} returns the first answer again. */
    @Transactional
    public ReportAccepted accept(ValidReport report, String idempotencyKey, byte[] requestHash) {
        if (idempotencyKey != null) {
            Optional<String> earlier = idempotencyKeys.claim(idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return read(earlier.get());
            }
        }
        String receipt = Receipts.newReceipt();
        UUID id = Ids.next();
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> numbers = report.numbers();
        store(id, receivedAt, report, receipt);
        statistics.countReport(numbers, receivedAt);
        outbox.publish(EventTypes.REPORT_RECEIVED, new ReportReceived(id, report.channel(), report.sender(),
                report.senderWithheld(), report.callback(), report.message(), report.urls(), report.occurredAt(),
                receivedAt, report.language().name()));
        String alertUrl = numbers.stream().map(lookup::alertUrlCovering).flatMap(Optional::stream)
                .findFirst().orElse(null);
        ReportAccepted accepted = new ReportAccepted(id, receipt, RECEIVED, report.sender(), report.callback(),
                report.urls(), advisor.forReport(report, alertUrl));
        if (idempotencyKey != null) {
            idempotencyKeys.complete(idempotencyKey, id, write(accepted));
        }
        lookup.forget(numbers);
        return accepted;
    }

    /** The report row, read back elsewhere as the {@link Report} entity. */
    private void store(UUID id, Instant receivedAt, ValidReport report, String receipt) {
        Sender sender = report.sender();
        sql.update(INSERT, id, Receipts.hash(receipt), report.channel().name(),
                sender == null ? null : sender.kind().name(), sender == null ? null : sender.key(),
                report.senderWithheld(), report.callback() == null ? null : report.callback().e164(),
                report.message(), report.urls().isEmpty() ? null : write(report.urls()), report.language().name(),
                report.occurredAt(), receivedAt);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReportAccepted read(String json) {
        try {
            return mapper.readValue(json, ReportAccepted.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
