package be.tocsin.report.report;

import java.util.List;
import java.util.UUID;

import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * {@code Idempotency-Key}: the first request with a key claims it in its own transaction; a retry,
 * even a concurrent one, waits for that transaction and then gets the stored answer.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final int MAX_KEY_LENGTH = 200;

    /** What a claim found: the key is this request's now, or it answered an earlier request. */
    public sealed interface Claim {
        /** The key was free: this request makes the report and stores its answer under the key. */
        record First() implements Claim {
        }

        /** An earlier request with the same body made the report; this is its answer. */
        record Answered(String response) implements Claim {
        }

        /** An earlier request used the key for another body. */
        record Misused() implements Claim {
        }
    }

    private final Sql sql;

    public IdempotencyKeys(Sql sql) {
        this.sql = sql;
    }

    /** Refuses a key that cannot be one (checked before anything is written). */
    public static void check(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
    }

    /** Claims {@code key} for a request with body hash {@code requestHash}, or says who had it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Claim claim(String key, byte[] requestHash) {
        int claimed = sql.update("""
                INSERT INTO idempotency_record (key, request_hash) VALUES (?, ?) ON CONFLICT (key) DO NOTHING""",
                key, requestHash);
        if (claimed == 1) {
            return new Claim.First();
        }
        Object[] row = sql.rows("SELECT request_hash, response FROM idempotency_record WHERE key = ?", key).get(0);
        if (!java.util.Arrays.equals((byte[]) row[0], requestHash)) {
            return new Claim.Misused();
        }
        // A record without an answer cannot be seen (claim and answer commit together); treated as free, as before.
        return row[1] == null ? new Claim.First() : new Claim.Answered((String) row[1]);
    }

    /** Stores the answers of requests that claimed their keys, in one round trip. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(List<Answer> answers) {
        sql.batch("UPDATE idempotency_record SET report_id = ?, response = ? WHERE key = ?",
                answers.stream().map(answer -> new Object[] { answer.reportId(), answer.response(), answer.key() })
                        .toList());
    }

    /** The answer given to the first request with {@code key}. */
    public record Answer(String key, UUID reportId, String response) {
    }

    /** The 422 a request gets for a key used for another report. */
    public static ProblemException misused() {
        return ProblemException.invalid("Idempotency-Key", "was already used for a different report");
    }
}
