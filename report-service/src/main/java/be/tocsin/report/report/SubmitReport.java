package be.tocsin.report.report;

/**
 * The body of {@code POST /api/v1/reports} as the citizen sent it: plain strings, so that a wrong
 * value becomes a 422 naming its field rather than a parse failure.
 */
public record SubmitReport(String channel, String sender, Boolean senderWithheld, String occurredAt,
        String message, String callbackNumber, String defaultRegion, String language) {
}
