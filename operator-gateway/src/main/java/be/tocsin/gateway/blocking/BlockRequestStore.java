package be.tocsin.gateway.blocking;

import static be.tocsin.platform.persistence.SqlValues.instant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Block requests in the database: issued by the campaign events, read by the operators' feed. */
@ApplicationScoped
public class BlockRequestStore {

    /** The status as it stands now: a pending request past its expiry is EXPIRED even before the sweep. */
    private static final String COLUMNS = """
            id, sequence, action, campaign_id, reason, indicators::text, issued_at, expires_at,
            CASE WHEN status = 'PENDING' AND expires_at <= now() THEN 'EXPIRED' ELSE status END, applied_at, comment""";
    private static final TypeReference<List<BlockIndicator>> INDICATORS = new TypeReference<>() {
    };

    private final EntityManager db;
    private final ObjectMapper mapper;
    private final GatewayConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final Object newRequests = new Object();

    public BlockRequestStore(EntityManager db, ObjectMapper mapper, GatewayConfig config,
            TransactionSynchronizationRegistry transactions) {
        this.db = db;
        this.mapper = mapper;
        this.config = config;
        this.transactions = transactions;
    }

    /** The operators that receive every request. */
    public List<String> operators() {
        return db.createNativeQuery("SELECT id FROM operator ORDER BY id", String.class).getResultList();
    }

    /**
     * Issues one request to one operator. Its feed position comes from the operator's row, locked
     * until this transaction commits: positions become visible in the order they were given.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID issue(String operatorId, String action, UUID campaignId, String reason, List<BlockIndicator> indicators) {
        long sequence = ((Number) db.createNativeQuery(
                "UPDATE operator SET last_sequence = last_sequence + 1 WHERE id = ?1 RETURNING last_sequence")
                .setParameter(1, operatorId).getSingleResult()).longValue();
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        db.createNativeQuery("""
                INSERT INTO block_request (id, operator_id, sequence, action, campaign_id, reason, indicators, issued_at, expires_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb), ?8, ?9)""")
                .setParameter(1, id).setParameter(2, operatorId).setParameter(3, sequence).setParameter(4, action)
                .setParameter(5, campaignId).setParameter(6, reason).setParameter(7, json(indicators))
                .setParameter(8, now).setParameter(9, now.plus(config.requestTtl())).executeUpdate();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    synchronized (newRequests) {
                        newRequests.notifyAll();
                    }
                }
            }
        });
        return id;
    }

    /** The BLOCK requests of a campaign still in force (not rejected, not expired, not lifted yet). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Object[]> blocksInForce(UUID campaignId) {
        return db.createNativeQuery("""
                SELECT b.operator_id, b.indicators::text FROM block_request b
                WHERE b.campaign_id = ?1 AND b.action = 'BLOCK' AND b.status IN ('PENDING', 'APPLIED')
                  AND NOT EXISTS (SELECT 1 FROM block_request l WHERE l.operator_id = b.operator_id
                                  AND l.campaign_id = b.campaign_id AND l.action = 'LIFT' AND l.sequence > b.sequence)
                ORDER BY b.operator_id, b.sequence""").setParameter(1, campaignId).getResultList();
    }

    /** Up to {@code limit} of the operator's requests after feed position {@code after}, in order. */
    @Transactional
    public List<BlockRequest> after(String operatorId, long after, int limit) {
        List<Object[]> rows = db.createNativeQuery("SELECT " + COLUMNS
                + " FROM block_request WHERE operator_id = ?1 AND sequence > ?2 ORDER BY sequence LIMIT ?3")
                .setParameter(1, operatorId).setParameter(2, after).setParameter(3, limit).getResultList();
        return rows.stream().map(this::request).toList();
    }

    /** One of the operator's own requests, locked for an update; empty for anybody else's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BlockRequest> lockOwn(String operatorId, UUID id) {
        List<Object[]> rows = db.createNativeQuery("SELECT " + COLUMNS
                + " FROM block_request WHERE id = ?1 AND operator_id = ?2 FOR UPDATE")
                .setParameter(1, id).setParameter(2, operatorId).getResultList();
        return rows.stream().map(this::request).findFirst();
    }

    /** Waits until a request commits in this instance or {@code millis} pass (other instances: next poll). */
    public void awaitNewRequests(long millis) throws InterruptedException {
        synchronized (newRequests) {
            newRequests.wait(Math.max(1, millis));
        }
    }

    /** Marks pending requests past their expiry EXPIRED; returns how many. */
    @Transactional
    public int expire() {
        return db.createNativeQuery("UPDATE block_request SET status = 'EXPIRED' WHERE status = 'PENDING' AND expires_at <= now()")
                .executeUpdate();
    }

    public List<BlockIndicator> indicators(String json) {
        try {
            return mapper.readValue(json, INDICATORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable indicators in block_request", e);
        }
    }

    private String json(List<BlockIndicator> indicators) {
        try {
            return mapper.writeValueAsString(indicators);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BlockRequest request(Object[] row) {
        return new BlockRequest((UUID) row[0], ((Number) row[1]).longValue(), (String) row[2], (UUID) row[3],
                (String) row[4], indicators((String) row[5]), instant(row[6]), instant(row[7]), (String) row[8],
                instant(row[9]), (String) row[10]);
    }
}
