package be.tocsin.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * {@code report.received} payloads shaped like a busy day: wangiri calls rotating through the
 * numbers of 2,000 Italian blocks, parcel smishing for 1,000 landing domains, and SMS pushing 1,000
 * premium-rate callbacks. Each campaign has its own wording, so campaigns only join when they share
 * something; senders of SMS are random Belgian mobiles, as hijacked phones are.
 */
final class ScamReports {

    /** Time-ordered ids (UUIDv7), as report-service gives its reports and events (platform {@code Ids}). */
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    private static final int CALL_CAMPAIGNS = 2_000;
    private static final int PARCEL_CAMPAIGNS = 1_000;
    private static final int CALLBACK_CAMPAIGNS = 1_000;
    private static final String[] WORDS = ("votre colis pakket package attente wacht waiting frais kosten fees "
            + "payer betaal pay avant voor before livraison levering delivery douane customs adresse adres "
            + "confirmer bevestig confirm compte rekening account bloqué geblokkeerd blocked urgent dringend "
            + "rappeler bel call service klantendienst helpdesk banque bank sécurité veiligheid security code "
            + "gagné gewonnen won prix prijs prize cadeau geschenk gift remboursement terugbetaling refund "
            + "impôts belastingen taxes amende boete fine suspendu opgeschort suspended carte kaart card").split(" ");

    private ScamReports() {
    }

    /** A citizen's report of the same mix, as the body of {@code POST /api/v1/reports}. */
    static String nextRequest() {
        Map<String, Object> data = next();
        @SuppressWarnings("unchecked")
        Map<String, Object> sender = (Map<String, Object>) data.get("sender");
        @SuppressWarnings("unchecked")
        Map<String, Object> callback = (Map<String, Object>) data.get("callback");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("channel", data.get("channel"));
        request.put("sender", sender.get("e164"));
        if (callback != null) {
            request.put("callbackNumber", callback.get("e164"));
        }
        if (data.get("message") != null) {
            request.put("message", data.get("message"));
        }
        request.put("language", "fr");
        return Json.write(request);
    }

    /** A number of one of the calling campaigns' blocks. */
    static String callingNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("+39069%04d%02d", random.nextInt(CALL_CAMPAIGNS), random.nextInt(100));
    }

    /** A fresh report or event id. */
    static String newId() {
        return IDS.generate().toString();
    }

    /** One report's data, with a fresh report id. */
    static Map<String, Object> next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int kind = random.nextInt(10);
        if (kind < 4) {
            return report("CALL", phone(callingNumber(), "IT", "FIXED_LINE", false), null, null,
                    List.of());
        }
        Map<String, Object> sender = phone(String.format("+3247%07d", random.nextInt(10_000_000)), "BE", "MOBILE",
                false);
        if (kind < 7) {
            int campaign = random.nextInt(PARCEL_CAMPAIGNS);
            String url = "https://track" + campaign + "-colis.com/" + Long.toString(random.nextLong(1L << 40), 36);
            return report("SMS", sender, null, template(campaign, random) + " " + url, List.of(url));
        }
        int campaign = random.nextInt(CALLBACK_CAMPAIGNS);
        String callback = "+3290" + (310_000 + campaign);
        return report("SMS", sender, phone(callback, "BE", "PREMIUM_RATE", true),
                template(PARCEL_CAMPAIGNS + campaign, random) + " " + callback, List.of());
    }

    /** A campaign's fixed wording, with the per-message details scammers vary (amounts, codes). */
    private static String template(int campaign, ThreadLocalRandom random) {
        Random words = new Random(campaign);
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            text.add(WORDS[words.nextInt(WORDS.length)]);
        }
        text.add(random.nextInt(1, 9) + "," + random.nextInt(10, 99) + " EUR");
        text.add("ref " + random.nextInt(100_000, 999_999));
        return String.join(" ", text);
    }

    private static Map<String, Object> report(String channel, Map<String, Object> sender,
            Map<String, Object> callback, String message, List<String> urls) {
        Map<String, Object> data = new LinkedHashMap<>();
        String now = Instant.now().toString();
        data.put("reportId", newId());
        data.put("channel", channel);
        data.put("sender", sender);
        data.put("senderWithheld", false);
        data.put("callback", callback);
        data.put("message", message);
        data.put("urls", urls);
        data.put("occurredAt", now);
        data.put("receivedAt", now);
        data.put("language", "fr");
        return data;
    }

    private static Map<String, Object> phone(String e164, String region, String type, boolean premiumRate) {
        Map<String, Object> phone = new LinkedHashMap<>();
        phone.put("kind", "PHONE");
        phone.put("e164", e164);
        phone.put("region", region);
        phone.put("type", type);
        phone.put("valid", true);
        phone.put("premiumRate", premiumRate);
        return phone;
    }
}
