package be.tocsin.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.ContractEvents;

/** report.received events as report-service publishes them (schema-checked before they leave). */
public final class ReportEvents {

    private ReportEvents() {
    }

    /** An SMS from a random Belgian mobile asking to call {@code callback}; returns the report id. */
    public static UUID smsAskingToCall(String callback) throws Exception {
        return smsAskingToCall(callback, null);
    }

    /** The same with a text (numbers written in it count as callbacks too). */
    public static UUID smsAskingToCall(String callback, String message) throws Exception {
        UUID reportId = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reportId", reportId.toString());
        data.put("channel", "SMS");
        data.put("sender", Map.of("kind", "PHONE", "e164", randomBelgianMobile(), "region", "BE", "type", "MOBILE",
                "valid", true, "premiumRate", false));
        data.put("senderWithheld", false);
        data.put("callback", Map.of("e164", callback, "region", "BE", "type", "PREMIUM_RATE", "valid", true,
                "premiumRate", true));
        // No text unless asked: tests must not join each other's campaigns through a shared template.
        data.put("message", message);
        data.put("urls", List.of());
        data.put("occurredAt", Instant.now().toString());
        data.put("receivedAt", Instant.now().toString());
        data.put("language", "fr");
        ContractEvents.publish(EventTypes.REPORT_RECEIVED, "/report-service", data);
        return reportId;
    }

    /** A call from {@code e164} (an Italian number, say) with nothing else; returns the report id. */
    public static UUID callFrom(String e164) throws Exception {
        UUID reportId = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reportId", reportId.toString());
        data.put("channel", "CALL");
        data.put("sender", Map.of("kind", "PHONE", "e164", e164, "region", "IT", "type", "FIXED_LINE", "valid", true,
                "premiumRate", false));
        data.put("senderWithheld", false);
        data.put("callback", null);
        data.put("message", null);
        data.put("urls", List.of());
        data.put("occurredAt", Instant.now().toString());
        data.put("receivedAt", Instant.now().toString());
        data.put("language", "fr");
        ContractEvents.publish(EventTypes.REPORT_RECEIVED, "/report-service", data);
        return reportId;
    }

    /** A premium-rate number nobody else in the test run uses. */
    public static String randomPremiumNumber() {
        return "+32903" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
    }

    private static String randomBelgianMobile() {
        return "+32470" + (100_000 + ThreadLocalRandom.current().nextInt(899_999));
    }
}
