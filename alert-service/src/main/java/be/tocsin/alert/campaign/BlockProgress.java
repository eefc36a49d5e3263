package be.tocsin.alert.campaign;

import static be.tocsin.platform.persistence.SqlValues.instant;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.inbox.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * How far each operator is with a campaign's blocks: {@code block.acknowledged} from
 * operator-gateway (queue {@code alert-service.block-progress}), shown on the campaign's page.
 */
@ApplicationScoped
public class BlockProgress implements EventHandler {

    /** One operator's answer to one of the campaign's requests. */
    public record OperatorBlock(String operatorId, String action, String status, Instant appliedAt, String comment) {
    }

    private final EntityManager db;

    public BlockProgress(EntityManager db) {
        this.db = db;
    }

    @Override
    public String purpose() {
        return "block-progress";
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of("block.acknowledged");
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode data = event.data();
        db.createNativeQuery("""
                INSERT INTO campaign_block (campaign_id, operator_id, action, status, applied_at, comment)
                VALUES (?1, ?2, ?3, ?4, CAST(?5 AS timestamptz), ?6)
                ON CONFLICT (campaign_id, operator_id, action) DO UPDATE SET status = EXCLUDED.status,
                    applied_at = EXCLUDED.applied_at, comment = EXCLUDED.comment, updated_at = now()""")
                .setParameter(1, UUID.fromString(data.path("campaignId").asText()))
                .setParameter(2, data.path("operatorId").asText())
                .setParameter(3, data.path("action").asText("BLOCK"))
                .setParameter(4, data.path("status").asText())
                .setParameter(5, data.path("appliedAt").asText(null))
                .setParameter(6, data.path("comment").asText(null)).executeUpdate();
    }

    @Transactional
    public List<OperatorBlock> of(UUID campaignId) {
        List<Object[]> rows = db.createNativeQuery("""
                SELECT operator_id, action, status, applied_at, comment FROM campaign_block
                WHERE campaign_id = ?1 ORDER BY operator_id, action""").setParameter(1, campaignId).getResultList();
        return rows.stream().map(r -> new OperatorBlock((String) r[0], (String) r[1], (String) r[2], instant(r[3]),
                (String) r[4])).toList();
    }
}
