package be.tocsin.report.report;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a reporter sees of their report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportStatus(UUID id, String status, UUID campaignId, String alertUrl, int blockedBy) {

    public static final String IN_CAMPAIGN = "IN_CAMPAIGN";
    public static final String CONFIRMED_SCAM = "CONFIRMED_SCAM";
    public static final String DISMISSED = "DISMISSED";
}
