package be.tocsin.gateway.blocking;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import be.tocsin.gateway.operator.OperatorAudit;
import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

/**
 * An operator answers a request: PENDING becomes APPLIED or REJECTED, once. The same answer again is
 * accepted and changes nothing; a different one, or an answer to an expired request, is refused.
 * Each change is published as {@code block.acknowledged} in the same transaction.
 */
@ApplicationScoped
public class Acknowledgements {

    private static final Set<String> ANSWERS = Set.of(BlockRequest.APPLIED, BlockRequest.REJECTED);
    private static final int MAX_COMMENT = 1_000;

    private final BlockRequestStore store;
    private final EntityManager db;
    private final Outbox outbox;
    private final OperatorAudit audit;

    public Acknowledgements(BlockRequestStore store, EntityManager db, Outbox outbox, OperatorAudit audit) {
        this.store = store;
        this.db = db;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** What the operator sends. */
    public record Ack(String status, Instant appliedAt, String comment) {
    }

    @Transactional
    public BlockRequest acknowledge(String operatorId, UUID id, Ack ack) {
        validate(ack);
        BlockRequest request = store.lockOwn(operatorId, id).orElseThrow(() -> notFound());
        if (request.status().equals(ack.status())) {
            audit.record(operatorId, OperatorAudit.ACK, id + " " + ack.status() + " (repeated)");
            return request;
        }
        if (ack.appliedAt() != null && ack.appliedAt().isBefore(request.issuedAt())) {
            throw ProblemException.invalid("appliedAt", "is before the request was issued");
        }
        if (!BlockRequest.PENDING.equals(request.status())) {
            throw new ProblemException(Problem.of(409, "Conflict", "invalid-transition",
                    "This request is " + request.status() + "; it cannot become " + ack.status() + "."));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant appliedAt = BlockRequest.APPLIED.equals(ack.status()) ? (ack.appliedAt() == null ? now : ack.appliedAt()) : null;
        db.createNativeQuery("""
                UPDATE block_request SET status = ?2, acknowledged_at = ?3, applied_at = ?4, comment = ?5 WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, ack.status()).setParameter(3, now).setParameter(4, appliedAt)
                .setParameter(5, ack.comment()).executeUpdate();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("blockRequestId", id);
        event.put("campaignId", request.campaignId());
        event.put("operatorId", operatorId);
        event.put("action", request.action());
        event.put("status", ack.status());
        event.put("appliedAt", appliedAt);
        event.put("comment", ack.comment());
        outbox.publish(EventTypes.BLOCK_ACKNOWLEDGED, event);
        audit.record(operatorId, OperatorAudit.ACK, id + " " + ack.status());
        return store.lockOwn(operatorId, id).orElseThrow();
    }

    private static void validate(Ack ack) {
        if (ack == null || ack.status() == null || !ANSWERS.contains(ack.status())) {
            throw ProblemException.invalid("status", "must be APPLIED or REJECTED");
        }
        if (ack.appliedAt() != null && !BlockRequest.APPLIED.equals(ack.status())) {
            throw ProblemException.invalid("appliedAt", "goes only with APPLIED");
        }
        if (ack.appliedAt() != null && ack.appliedAt().isAfter(Instant.now().plus(5, ChronoUnit.MINUTES))) {
            throw ProblemException.invalid("appliedAt", "is in the future");
        }
        if (ack.comment() != null && ack.comment().length() > MAX_COMMENT) {
            throw ProblemException.invalid("comment", "is longer than " + MAX_COMMENT + " characters");
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No such block request."));
    }
}
