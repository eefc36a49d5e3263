package be.tocsin.report.lookup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to "has this number already been reported?". Below the threshold of distinct reports
 * {@code countsHidden} is true and the counts and dates are null, so a few malicious reports cannot
 * brand a private person's number.
 */
public record NumberReport(String e164, String region, String type, Verdict verdict, Counts reports,
        boolean countsHidden, Instant firstReportedAt, Instant lastReportedAt, CampaignLink campaign,
        List<String> advice) {

    public record Counts(Integer total, Integer last30Days) {
    }

    public record CampaignLink(UUID id, String title, String alertUrl) {
    }
}
