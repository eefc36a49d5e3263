package be.tocsin.report.report;

import java.util.Optional;
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

    private final Sql sql;

    public IdempotencyKeys(Sql sql) {
        this.sql = sql;
    }

    /** Empty when this request is the first with {@code key}; else the first request's stored answer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> claim(String key, byte[] requestHash) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
        int claimed = sql.update("""
                INSERT INTO idempotency_record (key, request_hash) VALUES (?, ?) ON CONFLICT (key) DO NOTHING""",
                key, requestHash);
        if (claimed == 1) {
            return Optional.empty();
        }
        Object[] row = sql.rows("SELECT request_hash, response FROM idempotency_record WHERE key = ?", key).get(0);
        if (!java.util.Arrays.equals((byte[]) row[0], requestHash)) {
            throw ProblemException.invalid("Idempotency-Key", "was already used for a different report");
        }
        return Optional.ofNullable((String) row[1]);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String key, UUID reportId, String response) {
        sql.update("UPDATE idempotency_record SET report_id = ?, response = ? WHERE key = ?", reportId, response, key);
    }
}
