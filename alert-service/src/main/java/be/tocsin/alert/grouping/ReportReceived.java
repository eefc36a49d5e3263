package be.tocsin.alert.grouping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What alert-service reads of {@code report.received} (docs/events/report.received.schema.json). */
public record ReportReceived(UUID reportId, String channel, Party sender, boolean senderWithheld, Party callback,
        String message, List<String> urls, Instant occurredAt, Instant receivedAt, String language) {

    /** A sender or callback: {@code kind} PHONE (with e164, region) or ALPHANUMERIC, EMAIL, URL (with value). */
    public record Party(String kind, String value, String e164, String region, String type, Boolean premiumRate) {
    }

    public List<String> urls() {
        return urls == null ? List.of() : urls;
    }
}
