package be.tocsin.gateway.blocking;

import static be.tocsin.platform.persistence.SqlValues.instant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.gateway.GatewayConfig;
import be.tocsin.platform.persistence.TransactionHooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
    /** Commits that issued requests in this instance: a waiting pull sleeps only while it stays the same. */
    private long commitsWithRequests;
    private final Object newRequests = new Object();

    public BlockRequestStore(EntityManager db, ObjectMapper mapper, GatewayConfig config,
            TransactionSynchronizationRegistry transactions) {
        this.db = db;
        this.mapper = mapper;
        this.config = config;
        this.transactions = transactions;
    }

    /**
     * Issues a request to each operator, in one statement. Feed positions come from the operators'
     * rows, locked in id order until this transaction commits: positions become visible in the order
     * they were given. Returns how many requests were issued.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int issueToEveryOperator(String action, UUID campaignId, String reason, List<BlockIndicator> indicators) {
        return issueTo(null, action, campaignId, reason, indicators);
    }

    /** Issues one request to one operator, as {@link #issueToEveryOperator} does to each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int issue(String operatorId, String action, UUID campaignId, String reason, List<BlockIndicator> indicators) {
        return issueTo(Objects.requireNonNull(operatorId), action, campaignId, reason, indicators);
    }

    /** {@code operatorId} null: every operator. */
    private int issueTo(String operatorId, String action, UUID campaignId, String reason, List<BlockIndicator> indicators) {
        Instant now = Instant.now();
        var insert = db.createNativeQuery("""
                WITH locked AS (SELECT id FROM operator %s ORDER BY id FOR UPDATE),
                     positions AS (UPDATE operator o SET last_sequence = o.last_sequence + 1 FROM locked
                                   WHERE o.id = locked.id RETURNING o.id, o.last_sequence)
                INSERT INTO block_request (id, operator_id, sequence, action, campaign_id, reason, indicators, issued_at, expires_at)
                SELECT gen_random_uuid(), id, last_sequence, :action, :campaign, :reason, CAST(:indicators AS jsonb), :now, :expires
                FROM positions""".formatted(operatorId == null ? "" : "WHERE id = :operator"))
                .setParameter("action", action).setParameter("campaign", campaignId).setParameter("reason", reason)
                .setParameter("indicators", json(indicators)).setParameter("now", now)
                .setParameter("expires", now.plus(config.requestTtl()));
        if (operatorId != null) {
            insert.setParameter("operator", operatorId);
        }
        int issued = insert.executeUpdate();
        TransactionHooks.afterCommit(transactions, () -> {
            synchronized (newRequests) {
                commitsWithRequests++;
                newRequests.notifyAll();
            }
        });
        return issued;
    }

    /** A BLOCK request still in force: not rejected, not expired, not lifted yet. */
    public record BlockInForce(String operatorId, UUID campaignId, String reason, List<BlockIndicator> indicators) {
    }

    /** BLOCK requests neither rejected, expired nor followed by a LIFT of the same campaign to the same operator. */
    private static final String BLOCKS_IN_FORCE = """
            SELECT b.operator_id, b.campaign_id, b.reason, b.indicators::text FROM block_request b
            WHERE b.action = 'BLOCK' AND b.status IN ('PENDING', 'APPLIED')
              AND NOT EXISTS (SELECT 1 FROM block_request l WHERE l.operator_id = b.operator_id
                              AND l.campaign_id = b.campaign_id AND l.action = 'LIFT' AND l.sequence > b.sequence)
              AND %s
            ORDER BY b.operator_id, b.sequence""";

    /** The BLOCK requests of a campaign still in force. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<BlockInForce> blocksInForce(UUID campaignId) {
        return blocksInForce(db.createNativeQuery(BLOCKS_IN_FORCE.formatted("b.campaign_id = ?1")).setParameter(1, campaignId));
    }

    /**
     * The BLOCK requests still in force that block {@code number} or a range around it: a scan of the
     * requests in force, fine for what it serves (a number becoming protected, a rare staff action).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<BlockInForce> blocksInForceCovering(String number) {
        return blocksInForce(db.createNativeQuery(BLOCKS_IN_FORCE.formatted("""
                EXISTS (SELECT 1 FROM jsonb_array_elements(b.indicators) i
                        WHERE CASE WHEN i->>'type' = 'NUMBER_RANGE' THEN starts_with(?1, i->>'value')
                                   ELSE i->>'value' = ?1 END)""")).setParameter(1, number));
    }

    @SuppressWarnings("unchecked")
    private List<BlockInForce> blocksInForce(jakarta.persistence.Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new BlockInForce((String) row[0], (UUID) row[1], (String) row[2],
                indicators((String) row[3]))).toList();
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

    /** Taken before a read of the feed and handed to {@link #awaitNewRequests}: no commit after the read is missed. */
    public long commitsSoFar() {
        synchronized (newRequests) {
            return commitsWithRequests;
        }
    }

    /**
     * Waits until a request commits in this instance after {@code commitsSeen} (at once if one already
     * did, while its caller was reading the feed) or {@code millis} pass (other instances: next poll).
     */
    public void awaitNewRequests(long commitsSeen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, millis));
        synchronized (newRequests) {
            long left;
            while (commitsWithRequests == commitsSeen && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(newRequests, left);
            }
        }
    }

    /** Marks pending requests past their expiry EXPIRED; returns how many. */
    @Transactional
    public int expire() {
        return db.createNativeQuery("UPDATE block_request SET status = 'EXPIRED' WHERE status = 'PENDING' AND expires_at <= now()")
                .executeUpdate();
    }

    private List<BlockIndicator> indicators(String json) {
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
