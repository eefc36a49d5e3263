package be.tocsin.alert.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the staff API shows of campaigns (contracts.md, alert-service). */
public final class CampaignViews {

    private CampaignViews() {
    }

    public record IndicatorCount(String type, String value, int reportCount) {
    }

    /** Reports received in one hour, for the campaign's chart. */
    public record HourCount(Instant hour, int reports) {
    }

    /** What an operator's network saw, attached to the campaign. */
    public record Signal(String operatorId, Integer observedCalls, String note, Instant receivedAt) {
    }

    public record AuditEntry(Instant at, String actor, String action, String detail) {
    }

    /** One line of the queue. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(UUID id, String status, UUID mergedInto, String title, int reportCount, Instant firstSeen,
            Instant lastSeen) {
    }

    /** The whole campaign. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(UUID id, String status, UUID mergedInto, String title, int reportCount, List<UUID> reportIds,
            Instant firstSeen, Instant lastSeen, List<IndicatorCount> indicators, Map<String, Integer> channels,
            Map<String, Integer> regions, List<String> sampleMessages, List<HourCount> reportsPerHour,
            List<Signal> signals, List<AuditEntry> audit) {
    }

    public record Page(List<Summary> items, String nextCursor) {
    }
}
