package be.tocsin.gateway;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.ContractEvents;

/** campaign.confirmed and campaign.lifted as alert-service publishes them (schema-checked). */
public final class CampaignEvents {

    private CampaignEvents() {
    }

    /** Confirms a new campaign with the given {type, value} indicators; returns its id. */
    public static UUID confirm(List<Map<String, Object>> indicators) throws Exception {
        UUID campaign = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignId", campaign.toString());
        data.put("title", "Test campaign " + campaign.toString().substring(0, 8));
        data.put("indicators", indicators);
        data.put("confirmedBy", "alice");
        data.put("confirmedAt", Instant.now().toString());
        ContractEvents.publish(EventTypes.CAMPAIGN_CONFIRMED, "/alert-service", data);
        return campaign;
    }

    public static void lift(UUID campaign, String reason) throws Exception {
        ContractEvents.publish(EventTypes.CAMPAIGN_LIFTED, "/alert-service", Map.of("campaignId", campaign.toString(),
                "reason", reason, "liftedBy", "bob", "liftedAt", Instant.now().toString()));
    }

    public static Map<String, Object> indicator(String type, String value) {
        return Map.of("type", type, "value", value, "reportCount", 3);
    }

    /** A 100-number block of Rome numbers no other test uses. */
    public static String randomRange() {
        return "+390690" + (1_000 + ThreadLocalRandom.current().nextInt(8_999));
    }

    public static String randomPremiumNumber() {
        return "+32903" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
    }
}
