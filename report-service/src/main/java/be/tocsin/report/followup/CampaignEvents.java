package be.tocsin.report.followup;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.inbox.EventHandler;
import be.tocsin.platform.persistence.TransactionState;
import be.tocsin.report.lookup.KnownNumbers;
import be.tocsin.report.lookup.NumberLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Keeps report statuses and number verdicts current from what the other services announce: a
 * report joined a campaign, a campaign was confirmed, dismissed or lifted, a warning was published,
 * an operator applied a block. Each event is applied once (the platform's inbox).
 */
@ApplicationScoped
public class CampaignEvents implements EventHandler {

    private static final Logger LOG = Logger.getLogger(CampaignEvents.class);

    private final EntityManager entityManager;
    private final ReportLinks links;
    private final NumberLookup lookup;
    private final KnownNumbers known;
    private final TransactionState<AnswersChanged> answers;

    /** Whether the transaction's events changed what lookups answer for any number. */
    private static final class AnswersChanged {
        boolean changedForAll;
    }

    public CampaignEvents(EntityManager entityManager, ReportLinks links, NumberLookup lookup, KnownNumbers known,
            TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.links = links;
        this.lookup = lookup;
        this.known = known;
        this.answers = new TransactionState<>(transactions, AnswersChanged.class, AnswersChanged::new,
                changed -> !changed.changedForAll, "cached lookup answers left in place: beforeCommit() was not called");
    }

    @Override
    public String purpose() {
        return "follow-up";
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of("report.linked", "campaign.*", "alert.published", "block.acknowledged");
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode data = event.data();
        if ("report.linked".equals(event.routingKey())) {
            // Written with the rest of the transaction's links (beforeCommit). One report joining a
            // campaign changes only its own numbers' answers: at intake rates, dropping the whole
            // lookup cache here would leave lookups nothing to hit.
            links.link(uuid(data, "reportId"), uuid(data, "campaignId"));
            return;
        }
        switch (event.routingKey()) {
            case "campaign.confirmed" -> campaignConfirmed(uuid(data, "campaignId"), data);
            case "campaign.dismissed" -> campaignStatus(uuid(data, "campaignId"), "DISMISSED", null);
            case "campaign.lifted" -> campaignLifted(uuid(data, "campaignId"));
            case "alert.published" -> alertPublished(data);
            case "block.acknowledged" -> blockAcknowledged(data);
            default -> LOG.debugf("Ignoring %s", event.type());
        }
        answers.get().changedForAll = true;
    }

    /**
     * The links, then (last: it locks one row every instance shares) the lookups' answers, once. Two
     * of the links' statements are sent just before the commit, after that lock: one round trip more
     * while it is held, only in the rare transactions that change every answer.
     */
    @Override
    public void beforeCommit() {
        links.flush();
        AnswersChanged changed = answers.peek();
        if (changed != null && changed.changedForAll) {
            lookup.forgetAll();
            changed.changedForAll = false;
        }
    }

    private void campaignConfirmed(UUID campaignId, JsonNode data) {
        campaignStatus(campaignId, "CONFIRMED", data.path("title").asText(null));
        for (JsonNode indicator : data.path("indicators")) {
            String type = indicator.path("type").asText();
            if (Set.of("NUMBER", "NUMBER_RANGE", "CALLBACK_NUMBER").contains(type)) {
                String value = indicator.path("value").asText();
                entityManager.createNativeQuery("""
                        INSERT INTO confirmed_indicator (value, campaign_id, type) VALUES (?1, ?2, ?3)
                        ON CONFLICT DO NOTHING""")
                        .setParameter(1, value).setParameter(2, campaignId).setParameter(3, type).executeUpdate();
                known.add(List.of(value));
            }
        }
    }

    private void campaignLifted(UUID campaignId) {
        campaignStatus(campaignId, "LIFTED", null);
        entityManager.createNativeQuery("DELETE FROM confirmed_indicator WHERE campaign_id = ?1")
                .setParameter(1, campaignId).executeUpdate();
    }

    /** Creates or updates what report-service knows of a campaign; a CANDIDATE never downgrades it. */
    private void campaignStatus(UUID campaignId, String status, String title) {
        entityManager.createNativeQuery("""
                INSERT INTO campaign_view (id, title, status) VALUES (?1, ?2, ?3)
                ON CONFLICT (id) DO UPDATE SET
                    status = CASE WHEN EXCLUDED.status = 'CANDIDATE' THEN campaign_view.status ELSE EXCLUDED.status END,
                    title = coalesce(EXCLUDED.title, campaign_view.title), updated_at = now()""")
                .setParameter(1, campaignId).setParameter(2, title).setParameter(3, status).executeUpdate();
    }

    private void alertPublished(JsonNode data) {
        if ("Cancel".equals(data.path("msgType").asText())) {
            // A withdrawn alert no longer shows on lookups.
            entityManager.createNativeQuery("UPDATE campaign_view SET alert_id = NULL, alert_url = NULL, updated_at = now() WHERE alert_id = ?1")
                    .setParameter(1, uuid(data, "alertId")).executeUpdate();
            return;
        }
        if (data.hasNonNull("campaignId")) {
            UUID campaignId = uuid(data, "campaignId");
            links.knowCampaigns(List.of(campaignId));
            entityManager.createNativeQuery("UPDATE campaign_view SET alert_id = ?1, alert_url = ?2, updated_at = now() WHERE id = ?3")
                    .setParameter(1, uuid(data, "alertId")).setParameter(2, data.path("url").asText(null))
                    .setParameter(3, campaignId).executeUpdate();
        }
    }

    private void blockAcknowledged(JsonNode data) {
        entityManager.createNativeQuery("""
                INSERT INTO campaign_block (campaign_id, operator_id, status) VALUES (?1, ?2, ?3)
                ON CONFLICT (campaign_id, operator_id) DO UPDATE SET status = EXCLUDED.status""")
                .setParameter(1, uuid(data, "campaignId")).setParameter(2, data.path("operatorId").asText())
                .setParameter(3, data.path("status").asText()).executeUpdate();
    }

    private static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return UUID.fromString(value.asText());
    }
}
