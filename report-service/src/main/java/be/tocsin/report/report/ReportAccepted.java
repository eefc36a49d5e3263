package be.tocsin.report.report;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import be.tocsin.report.sender.PhoneNumber;
import be.tocsin.report.sender.Sender;

/** The 202 answer to a report: its id, the receipt (shown once), the normalised numbers, advice. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportAccepted(UUID id, String receipt, String status, Sender sender, PhoneNumber callback,
        List<String> urls, List<String> advice) {
}
