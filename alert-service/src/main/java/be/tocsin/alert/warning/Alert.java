package be.tocsin.alert.warning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A public warning in all its languages. {@code msgType} is what CAP calls it: Alert, Update (it
 * replaces an earlier published alert) or Cancel (withdrawn).
 */
public record Alert(UUID id, UUID campaignId, String severity, String status, String msgType, UUID replaces,
        String createdBy, Instant createdAt, String publishedBy, Instant publishedAt, Instant withdrawnAt,
        Instant expiresAt, Instant updatedAt, Map<String, Text> texts, List<Indicator> indicators) {

    public static final String DRAFT = "DRAFT";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String SUPERSEDED = "SUPERSEDED";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final List<String> SEVERITIES = List.of("Extreme", "Severe", "Moderate", "Minor");
    public static final List<String> LANGUAGES = List.of("fr", "nl", "de", "en");

    /** What people read, in one language. */
    public record Text(String headline, String description, String instruction) {
    }

    /** A number, range or domain of the campaign the alert is about. */
    public record Indicator(String type, String value) {
    }

    /** The text in {@code language}, or in English when that one is missing. */
    public Text text(String language) {
        return texts.getOrDefault(language, texts.get("en"));
    }

    /** When it last changed for the public: withdrawn, else published. */
    public Instant lastPublicChange() {
        return withdrawnAt != null ? withdrawnAt : publishedAt;
    }
}
