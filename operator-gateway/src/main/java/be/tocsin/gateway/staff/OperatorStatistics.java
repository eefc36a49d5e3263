package be.tocsin.gateway.staff;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import be.tocsin.platform.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Who applied what, and how fast: the staff's view of the operators, and of what protection refused. */
@ApplicationScoped
public class OperatorStatistics {

    /** One operator's requests by status, and the time from issue to APPLIED (seconds; null before any). */
    public record OperatorProgress(String operatorId, String name, long pending, long applied, long rejected,
            long expired, Double medianSecondsToApply, Double p95SecondsToApply) {
    }

    /** An indicator kept off a protected number: refused outright, or sent as the narrower ranges. */
    public record Refusal(UUID campaignId, String type, String value, String direction, String protectedNumber,
            List<String> narrowedTo, Instant at) {
    }

    private final EntityManager db;

    public OperatorStatistics(EntityManager db) {
        this.db = db;
    }

    @Transactional
    public List<OperatorProgress> operators() {
        List<Object[]> rows = db.createNativeQuery("""
                SELECT o.id, o.name,
                       count(b.id) FILTER (WHERE b.status = 'PENDING' AND b.expires_at > now()),
                       count(b.id) FILTER (WHERE b.status = 'APPLIED'),
                       count(b.id) FILTER (WHERE b.status = 'REJECTED'),
                       count(b.id) FILTER (WHERE b.status = 'EXPIRED' OR (b.status = 'PENDING' AND b.expires_at <= now())),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.applied_at - b.issued_at))
                           FILTER (WHERE b.status = 'APPLIED'),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM b.applied_at - b.issued_at))
                           FILTER (WHERE b.status = 'APPLIED')
                FROM operator o LEFT JOIN block_request b ON b.operator_id = o.id
                GROUP BY o.id, o.name ORDER BY o.id""").getResultList();
        return rows.stream().map(r -> new OperatorProgress((String) r[0], (String) r[1], count(r[2]), count(r[3]),
                count(r[4]), count(r[5]), seconds(r[6]), seconds(r[7]))).toList();
    }

    @Transactional
    public List<Refusal> refusals(int limit) {
        List<Object[]> rows = db.createNativeQuery("""
                SELECT campaign_id, type, value, direction, protected_number, narrowed_to, at
                FROM block_refusal ORDER BY at DESC, id DESC LIMIT ?1""").setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new Refusal((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                Arrays.asList((String[]) r[5]), SqlValues.instant(r[6]))).toList();
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }

    private static Double seconds(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
    }
}
