package be.tocsin.platform.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import be.tocsin.platform.eventing.EventTypes;

/**
 * report.received events as report-service publishes them (schema-checked before they leave), for
 * the tests of its consumers: alert-service's and the end-to-end suite's.
 */
public final class ReportEvents {

    private ReportEvents() {
    }

    /** An SMS from a random Belgian mobile asking to call {@code callback}; returns the report id. */
    public static UUID smsAskingToCall(String callback) throws Exception {
        return smsAskingToCall(callback, null);
    }

    /** The same with a text (numbers written in it count as callbacks too). */
    public static UUID smsAskingToCall(String callback, String message) throws Exception {
        return publish("SMS", sender(randomBelgianMobile(), "BE", "MOBILE"),
                phone(callback, "BE", "PREMIUM_RATE", true), message, List.of());
    }

    /** An SMS from {@code sender} (a Belgian mobile) asking to call {@code callback}. */
    public static UUID smsFromAskingToCall(String sender, String callback) throws Exception {
        return publish("SMS", sender(sender, "BE", "MOBILE"), phone(callback, "BE", "PREMIUM_RATE", true), null, List.of());
    }

    /** An SMS from a random Belgian mobile with a text and the link written in it. */
    public static UUID smsWithLink(String message, String url) throws Exception {
        return publish("SMS", sender(randomBelgianMobile(), "BE", "MOBILE"), null, message, List.of(url));
    }

    /** A call from {@code e164} (an Italian number, say) with nothing else; returns the report id. */
    public static UUID callFrom(String e164) throws Exception {
        return publish("CALL", sender(e164, "IT", "FIXED_LINE"), null, null, List.of());
    }

    /** A premium-rate number nobody else in the test run uses. */
    public static String randomPremiumNumber() {
        return "+32903" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
    }

    private static UUID publish(String channel, Map<String, Object> sender, Map<String, Object> callback,
            String message, List<String> urls) throws Exception {
        UUID reportId = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reportId", reportId.toString());
        data.put("channel", channel);
        data.put("sender", sender);
        data.put("senderWithheld", false);
        data.put("callback", callback);
        // No text unless asked: tests must not join each other's campaigns through a shared template.
        data.put("message", message);
        data.put("urls", urls);
        data.put("occurredAt", Instant.now().toString());
        data.put("receivedAt", Instant.now().toString());
        data.put("language", "fr");
        ContractEvents.publish(EventTypes.REPORT_RECEIVED, "/report-service", data);
        return reportId;
    }

    private static Map<String, Object> sender(String e164, String region, String type) {
        Map<String, Object> sender = phone(e164, region, type, false);
        sender.put("kind", "PHONE");
        return sender;
    }

    private static Map<String, Object> phone(String e164, String region, String type, boolean premiumRate) {
        Map<String, Object> phone = new LinkedHashMap<>();
        phone.put("e164", e164);
        phone.put("region", region);
        phone.put("type", type);
        phone.put("valid", true);
        phone.put("premiumRate", premiumRate);
        return phone;
    }

    private static String randomBelgianMobile() {
        return "+32470" + (100_000 + ThreadLocalRandom.current().nextInt(899_999));
    }
}
