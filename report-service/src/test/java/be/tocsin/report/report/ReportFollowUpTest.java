package be.tocsin.report.report;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.ContractEvents;
import be.tocsin.report.Citizen;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** A reporter sees what became of the report, from the events the other services publish. */
@QuarkusTest
class ReportFollowUpTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void theReporterSeesTheCampaignItsConfirmationTheWarningAndTheBlocks() throws Exception {
        String number = Citizen.randomItalianNumber();
        String range = number.substring(0, number.length() - 2);
        var created = Citizen.anyone().report(Citizen.call(number)).statusCode(202).extract();
        String reportId = created.path("id");
        String receipt = created.path("receipt");
        String campaign = UUID.randomUUID().toString();

        ContractEvents.publish(EventTypes.REPORT_LINKED, "/alert-service", Map.of("reportId", reportId, "campaignId", campaign));
        awaitStatus(reportId, receipt, "IN_CAMPAIGN", 0);

        ContractEvents.publish(EventTypes.CAMPAIGN_CONFIRMED, "/alert-service", Map.of("campaignId", campaign,
                "title", "Wangiri", "indicators", List.of(Map.of("type", "NUMBER", "value", number),
                        Map.of("type", "NUMBER_RANGE", "value", range)),
                "confirmedBy", "alice", "confirmedAt", Instant.now().toString()));
        awaitStatus(reportId, receipt, "CONFIRMED_SCAM", 0);

        String alertUrl = "http://localhost:8082/alerts/" + UUID.randomUUID();
        ContractEvents.publish(EventTypes.ALERT_PUBLISHED, "/alert-service", Map.of("alertId", UUID.randomUUID().toString(),
                "campaignId", campaign, "url", alertUrl, "severity", "Severe", "publishedAt", Instant.now().toString()));
        UUID ack = UUID.randomUUID();
        Map<String, Object> applied = Map.of("blockRequestId", UUID.randomUUID().toString(), "campaignId", campaign,
                "operatorId", "proximus", "status", "APPLIED", "appliedAt", Instant.now().toString());
        ContractEvents.publish(EventTypes.BLOCK_ACKNOWLEDGED, "/operator-gateway", ack, applied);
        ContractEvents.publish(EventTypes.BLOCK_ACKNOWLEDGED, "/operator-gateway", ack, applied);
        ContractEvents.publish(EventTypes.BLOCK_ACKNOWLEDGED, "/operator-gateway", Map.of("blockRequestId",
                UUID.randomUUID().toString(), "campaignId", campaign, "operatorId", "orange", "status", "REJECTED"));
        await().atMost(PATIENCE).untilAsserted(() -> Citizen.anyone().request().header("X-Receipt", receipt)
                .get("/api/v1/reports/{id}", reportId).then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED_SCAM"))
                .body("campaignId", equalTo(campaign))
                .body("alertUrl", equalTo(alertUrl))
                .body("blockedBy", equalTo(1)));

        Citizen.anyone().lookup(number).statusCode(200)
                .body("verdict", equalTo("CONFIRMED_SCAM"))
                .body("campaign.alertUrl", equalTo(alertUrl));

        // A new report is told at once of the warning covering its number, or the range it lies in.
        String neighbour = range + (number.endsWith("77") ? "78" : "77");
        Citizen.anyone().report(Citizen.call(number)).statusCode(202).body("advice", hasItem(containsString(alertUrl)));
        Citizen.anyone().report(Citizen.call(neighbour)).statusCode(202).body("advice", hasItem(containsString(alertUrl)));
        Citizen.anyone().report(Citizen.call(Citizen.randomItalianNumber().replace("+39069", "+39068"))).statusCode(202)
                .body("advice", not(hasItem(containsString(alertUrl))));
    }

    @Test
    void aBurstOfLinksIsAppliedTogetherTheLatestLinkWinsAndAnUnknownReportCostsOnlyItself() throws Exception {
        String number = Citizen.randomItalianNumber();
        List<ExtractableResponse<Response>> reports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reports.add(Citizen.anyone().report(Citizen.call(number)).statusCode(202).extract());
        }
        for (int i = 0; i < 10; i++) {
            reports.add(Citizen.anyone().report(Citizen.call(Citizen.randomItalianNumber())).statusCode(202).extract());
        }
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        for (ExtractableResponse<Response> report : reports) {
            ContractEvents.publish(EventTypes.REPORT_LINKED, "/alert-service", Map.of("reportId", report.path("id"), "campaignId", first));
        }
        ContractEvents.publish(EventTypes.REPORT_LINKED, "/alert-service", Map.of("reportId", UUID.randomUUID().toString(), "campaignId", first));
        ContractEvents.publish(EventTypes.REPORT_LINKED, "/alert-service", Map.of("reportId", reports.get(0).path("id"), "campaignId", second));

        for (int i = 0; i < reports.size(); i++) {
            String campaign = i == 0 ? second : first;
            ExtractableResponse<Response> report = reports.get(i);
            await().atMost(PATIENCE).untilAsserted(() -> Citizen.anyone().request().header("X-Receipt", report.<String>path("receipt"))
                    .get("/api/v1/reports/{id}", report.<String>path("id")).then()
                    .statusCode(200)
                    .body("status", equalTo("IN_CAMPAIGN"))
                    .body("campaignId", equalTo(campaign)));
        }
        // Three reports and a campaign: the number is now a suspected scam for anyone who looks it up.
        await().atMost(PATIENCE).untilAsserted(() -> Citizen.anyone().lookup(number).statusCode(200)
                .body("verdict", equalTo("SUSPECTED"))
                .body("reports.total", equalTo(3)));
    }

    private static void awaitStatus(String id, String receipt, String status, int blockedBy) {
        await().atMost(PATIENCE).untilAsserted(() -> Citizen.anyone().request().header("X-Receipt", receipt)
                .get("/api/v1/reports/{id}", id).then()
                .statusCode(200)
                .body("status", equalTo(status))
                .body("blockedBy", equalTo(blockedBy)));
    }
}
