package be.tocsin.alert.grouping;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * The labelled sample reports (copied from shared/scenarios), turned into report.received data as
 * report-service would publish them: numbers in E.164, sender ids kept, links found, times shifted
 * so the newest report is now.
 */
final class SampleReports {

    record Sample(String label, Map<String, Object> event) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern URL = Pattern.compile("(?i)https?://[^\\s]+");

    private SampleReports() {
    }

    static List<Sample> load() throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SampleReports.class.getResourceAsStream("/scenarios/sample-reports.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                if (!line.isBlank()) {
                    rows.add(MAPPER.readTree(line));
                }
            }
        }
        Instant newest = rows.stream().map(r -> Instant.parse(r.path("report").path("occurredAt").asText()))
                .max(Instant::compareTo).orElseThrow();
        Duration shift = Duration.between(newest, Instant.now().minusSeconds(60));
        List<Sample> samples = new ArrayList<>();
        for (JsonNode row : rows) {
            samples.add(new Sample(row.path("label").asText(), event(row.path("report"), shift)));
        }
        return samples;
    }

    private static Map<String, Object> event(JsonNode report, Duration shift) throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        String occurred = Instant.parse(report.path("occurredAt").asText()).plus(shift).toString();
        String message = report.path("message").asText(null);
        data.put("reportId", UUID.randomUUID().toString());
        data.put("channel", report.path("channel").asText());
        data.put("sender", sender(report.path("sender").asText(null)));
        data.put("senderWithheld", false);
        data.put("callback", report.hasNonNull("callbackNumber") ? phone(report.path("callbackNumber").asText()) : null);
        data.put("message", message == null || message.isBlank() ? null : message);
        data.put("urls", urls(message));
        data.put("occurredAt", occurred);
        data.put("receivedAt", occurred);
        data.put("language", report.path("language").asText("en"));
        return data;
    }

    private static Map<String, Object> sender(String text) throws Exception {
        if (text == null) {
            return null;
        }
        if (text.chars().anyMatch(Character::isLetter)) {
            return Map.of("kind", "ALPHANUMERIC", "value", text);
        }
        Map<String, Object> phone = new LinkedHashMap<>(phone(text));
        phone.put("kind", "PHONE");
        return phone;
    }

    private static Map<String, Object> phone(String text) throws Exception {
        String written = text.strip().startsWith("00") ? "+" + text.strip().substring(2) : text;
        Phonenumber.PhoneNumber number = PHONES.parse(written, "BE");
        Map<String, Object> phone = new LinkedHashMap<>();
        phone.put("e164", PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        phone.put("region", PHONES.getRegionCodeForNumber(number));
        phone.put("type", PHONES.getNumberType(number).name());
        phone.put("valid", PHONES.isValidNumber(number));
        phone.put("premiumRate", PHONES.getNumberType(number) == PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE);
        return phone;
    }

    private static List<String> urls(String message) {
        List<String> urls = new ArrayList<>();
        if (message != null) {
            Matcher matcher = URL.matcher(message);
            while (matcher.find()) {
                urls.add(matcher.group().toLowerCase(java.util.Locale.ROOT).replaceAll("[.,;!?)]+$", ""));
            }
        }
        return urls;
    }
}
