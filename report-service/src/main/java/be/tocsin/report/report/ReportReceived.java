package be.tocsin.report.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import be.tocsin.report.sender.PhoneNumber;
import be.tocsin.report.sender.Sender;

/** Data of {@code be.tocsin.report.received.v1} (docs/events/report.received.schema.json). */
public record ReportReceived(UUID reportId, Channel channel, Sender sender, boolean senderWithheld,
        PhoneNumber callback, String message, List<String> urls, Instant occurredAt, Instant receivedAt,
        String language) {
}
