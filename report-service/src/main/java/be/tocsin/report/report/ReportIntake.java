package be.tocsin.report.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.persistence.Ids;
import be.tocsin.report.advice.Advisor;
import be.tocsin.report.lookup.NumberLookup;
import be.tocsin.report.lookup.NumberStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Accepts a report: in one transaction the report row, its numbers' counters, the
 * {@code report.received} outbox event and the idempotency record; then the advice.
 */
@ApplicationScoped
public class ReportIntake {

    public static final String RECEIVED = "RECEIVED";

    private final IdempotencyKeys idempotencyKeys;
    private final NumberStatistics statistics;
    private final NumberLookup lookup;
    private final Outbox outbox;
    private final Advisor advisor;
    private final ObjectMapper mapper;

    public ReportIntake(IdempotencyKeys idempotencyKeys, NumberStatistics statistics, NumberLookup lookup,
            Outbox outbox, Advisor advisor, ObjectMapper mapper) {
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
        Report row = store(report, receipt);
        for (String number : report.numbers()) {
            statistics.countReport(number, row.receivedAt);
        }
        outbox.publish(EventTypes.REPORT_RECEIVED, new ReportReceived(row.id, report.channel(), report.sender(),
                report.senderWithheld(), report.callback(), report.message(), report.urls(), report.occurredAt(),
                row.receivedAt, report.language().name()));
        String alertUrl = report.numbers().stream().map(lookup::alertUrlCovering).flatMap(Optional::stream)
                .findFirst().orElse(null);
        ReportAccepted accepted = new ReportAccepted(row.id, receipt, RECEIVED, report.sender(), report.callback(),
                report.urls(), advisor.forReport(report, alertUrl));
        if (idempotencyKey != null) {
            idempotencyKeys.complete(idempotencyKey, row.id, write(accepted));
        }
        lookup.forget(report.numbers());
        return accepted;
    }

    private Report store(ValidReport report, String receipt) {
        Report row = new Report();
        row.id = Ids.next();
        row.receiptHash = Receipts.hash(receipt);
        row.channel = report.channel();
        if (report.sender() != null) {
            row.senderKind = report.sender().kind().name();
            row.senderValue = report.sender().key();
        }
        row.senderWithheld = report.senderWithheld();
        row.callbackE164 = report.callback() == null ? null : report.callback().e164();
        row.message = report.message();
        row.urls = report.urls().isEmpty() ? null : write(report.urls());
        row.language = report.language().name();
        row.occurredAt = report.occurredAt();
        row.receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        row.persist();
        return row;
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
