package be.tocsin.report.report;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import be.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * {@code Idempotency-Key}: the first request with a key claims it in its own transaction; a retry,
 * even a concurrent one, waits for that transaction and then gets the stored answer.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final int MAX_KEY_LENGTH = 200;

    private final EntityManager entityManager;

    public IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Empty when this request is the first with {@code key}; else the first request's stored answer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> claim(String key, byte[] requestHash) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
        int claimed = entityManager.createNativeQuery("""
                INSERT INTO idempotency_record (key, request_hash) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING""")
                .setParameter(1, key).setParameter(2, requestHash).executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        List<?> rows = entityManager.createNativeQuery(
                "SELECT request_hash, response FROM idempotency_record WHERE key = ?1")
                .setParameter(1, key).getResultList();
        Object[] row = (Object[]) rows.get(0);
        if (!java.util.Arrays.equals((byte[]) row[0], requestHash)) {
            throw ProblemException.invalid("Idempotency-Key", "was already used for a different report");
        }
        return Optional.ofNullable((String) row[1]);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String key, UUID reportId, String response) {
        entityManager.createNativeQuery("UPDATE idempotency_record SET report_id = ?1, response = ?2 WHERE key = ?3")
                .setParameter(1, reportId).setParameter(2, response).setParameter(3, key).executeUpdate();
    }
}
