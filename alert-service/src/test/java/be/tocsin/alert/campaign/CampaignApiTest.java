package be.tocsin.alert.campaign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.alert.GroupedReports;
import be.tocsin.platform.testing.ReportEvents;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.AccessDenied;
import be.tocsin.platform.testing.DevRealm;
import be.tocsin.platform.testing.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Centre staff read, confirm, dismiss and lift campaigns, with real tokens from the dev realm. */
@QuarkusTest
class CampaignApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    GroupedReports grouped;

    @Test
    void onlyAnalystsSeeCampaigns() {
        given().get("/api/v1/campaigns").then().spec(AccessDenied.UNAUTHENTICATED);
        given().auth().oauth2("not-a-token").get("/api/v1/campaigns").then().spec(AccessDenied.UNAUTHENTICATED);
        given().auth().oauth2(DevRealm.userToken("carol")).get("/api/v1/campaigns").then().spec(AccessDenied.FORBIDDEN);
        given().auth().oauth2(DevRealm.operatorToken("orange")).get("/api/v1/campaigns").then().spec(AccessDenied.FORBIDDEN);
        given().auth().oauth2(DevRealm.userToken("alice")).get("/api/v1/campaigns").then().statusCode(200);
        given().auth().oauth2(DevRealm.userToken("bob")).get("/api/v1/campaigns/{id}", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aConfirmedCampaignIsAnnouncedWithTheChosenIndicatorsThenLifted() throws Exception {
        String callback = ReportEvents.randomPremiumNumber();
        UUID campaign = campaignOf(List.of(ReportEvents.smsAskingToCall(callback), ReportEvents.smsAskingToCall(callback),
                ReportEvents.smsAskingToCall(callback)));
        String alice = DevRealm.userToken("alice");
        given().auth().oauth2(alice).get("/api/v1/campaigns/{id}", campaign).then().statusCode(200)
                .body("status", equalTo("CANDIDATE"))
                .body("reportCount", equalTo(3))
                .body("channels.SMS", equalTo(3))
                .body("indicators.findAll { it.type == 'CALLBACK_NUMBER' }.value", hasItem(callback))
                .body("indicators.find { it.value == '" + callback + "' }.reportCount", equalTo(3));

        try (BrokerProbe events = BrokerProbe.listen("campaign.*")) {
            given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("title", "Fake parcel premium line", "note", "3 reports in an hour",
                            "indicators", List.of(Map.of("type", "CALLBACK_NUMBER", "value", callback))))
                    .post("/api/v1/campaigns/{id}/confirm", campaign).then().statusCode(200)
                    .body("status", equalTo("CONFIRMED"))
                    .body("audit[0].actor", equalTo("alice"))
                    .body("audit[0].action", equalTo("CONFIRMED"));
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("title", "again"))
                    .post("/api/v1/campaigns/{id}/confirm", campaign).then().statusCode(409)
                    .contentType("application/problem+json");
            given().auth().oauth2(DevRealm.userToken("bob")).contentType(ContentType.JSON)
                    .body(Map.of("reason", "Line taken down by the operator"))
                    .post("/api/v1/campaigns/{id}/lift", campaign).then().statusCode(200)
                    .body("status", equalTo("LIFTED"))
                    .body("audit.actor", equalTo(List.of("alice", "bob")));

            List<BrokerProbe.Received> received = events.await(2, Duration.ofSeconds(20));
            received.forEach(m -> EventSchemas.assertValidEvent(m.body()));
            JsonNode confirmed = data(received, "campaign.confirmed");
            assertThat(confirmed.path("campaignId").asText()).isEqualTo(campaign.toString());
            assertThat(confirmed.path("confirmedBy").asText()).isEqualTo("alice");
            assertThat(confirmed.path("indicators")).hasSize(1);
            assertThat(confirmed.path("indicators").get(0).path("value").asText()).isEqualTo(callback);
            assertThat(data(received, "campaign.lifted").path("reason").asText()).isEqualTo("Line taken down by the operator");
        }
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAtFault() throws Exception {
        UUID campaign = campaignOf(List.of(ReportEvents.smsAskingToCall(ReportEvents.randomPremiumNumber())));
        String alice = DevRealm.userToken("alice");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("note", "no title"))
                .post("/api/v1/campaigns/{id}/confirm", campaign).then().statusCode(422)
                .body("errors.field", hasItem("title"));
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("title", "x", "indicators", List.of(Map.of("type", "NUMBER", "value", "+3212345678"))))
                .post("/api/v1/campaigns/{id}/confirm", campaign).then().statusCode(422)
                .body("errors.field", hasItem("indicators"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/campaigns/{id}/dismiss", campaign).then().statusCode(422)
                .body("errors.field", hasItem("reason"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("reason", "not confirmed"))
                .post("/api/v1/campaigns/{id}/lift", campaign).then().statusCode(409);
        given().auth().oauth2(alice).queryParam("sort", "alphabet").get("/api/v1/campaigns").then().statusCode(422)
                .body("errors.field", hasItem("sort"));
        given().auth().oauth2(alice).queryParam("cursor", "not-a-cursor").get("/api/v1/campaigns").then()
                .statusCode(422).body("errors.field", hasItem("cursor"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("reason", "legitimate"))
                .post("/api/v1/campaigns/{id}/dismiss", campaign).then().statusCode(200)
                .body("status", equalTo("DISMISSED"));
    }

    @Test
    void staffMergeTwoCampaignsAndTheReportsFollow() throws Exception {
        String first = ReportEvents.randomPremiumNumber();
        String second = ReportEvents.randomPremiumNumber();
        UUID kept = campaignOf(List.of(ReportEvents.smsAskingToCall(first), ReportEvents.smsAskingToCall(first)));
        UUID movedReport = ReportEvents.smsAskingToCall(second);
        UUID absorbed = campaignOf(List.of(movedReport));
        String alice = DevRealm.userToken("alice");
        try (BrokerProbe linked = BrokerProbe.listen("report.linked")) {
            given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("otherId", absorbed.toString()))
                    .post("/api/v1/campaigns/{id}/merge", kept).then().statusCode(200)
                    .body("reportCount", equalTo(3))
                    .body("reportIds", hasItem(movedReport.toString()))
                    .body("indicators.value", hasItem(second))
                    .body("reportsPerHour.reports.sum()", equalTo(3))
                    .body("audit[-1].action", equalTo("MERGED"));
            given().auth().oauth2(alice).get("/api/v1/campaigns/{id}", absorbed).then().statusCode(200)
                    .body("status", equalTo("MERGED"))
                    .body("mergedInto", equalTo(kept.toString()));
            BrokerProbe.Received relinked = linked.await(1, Duration.ofSeconds(20)).stream()
                    .filter(m -> m.body().contains(movedReport.toString())).findFirst().orElseThrow();
            assertThat(relinked.body()).contains(kept.toString());
        }
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("otherId", absorbed.toString()))
                .post("/api/v1/campaigns/{id}/merge", kept).then().statusCode(409);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("otherId", kept.toString()))
                .post("/api/v1/campaigns/{id}/merge", kept).then().statusCode(422).body("errors.field", hasItem("otherId"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("otherId", "../etc"))
                .post("/api/v1/campaigns/{id}/merge", kept).then().statusCode(422).body("errors.field", hasItem("otherId"));
    }

    @Test
    void staffSplitACampaignAndNewReportsJoinTheRightHalf() throws Exception {
        String kept = ReportEvents.randomPremiumNumber();
        String splitOff = ReportEvents.randomPremiumNumber();
        UUID campaign = campaignOf(List.of(ReportEvents.smsAskingToCall(kept), ReportEvents.smsAskingToCall(kept)));
        UUID wrongReport = ReportEvents.smsAskingToCall(splitOff);
        UUID other = campaignOf(List.of(wrongReport));
        String bob = DevRealm.userToken("bob");
        given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of("otherId", other.toString()))
                .post("/api/v1/campaigns/{id}/merge", campaign).then().statusCode(200).body("reportCount", equalTo(3));

        String fresh = given().auth().oauth2(bob).contentType(ContentType.JSON)
                .body(Map.of("reportIds", List.of(wrongReport.toString())))
                .post("/api/v1/campaigns/{id}/split", campaign).then().statusCode(201)
                .body("reportCount", equalTo(1))
                .body("reportIds", equalTo(List.of(wrongReport.toString())))
                .body("indicators.value", hasItem(splitOff))
                .extract().path("id");
        given().auth().oauth2(bob).get("/api/v1/campaigns/{id}", campaign).then().statusCode(200)
                .body("reportCount", equalTo(2))
                .body("indicators.value", org.hamcrest.Matchers.not(hasItem(splitOff)))
                .body("audit.action", hasItem("SPLIT"));
        UUID newcomer = ReportEvents.smsAskingToCall(splitOff);
        assertThat(campaignOf(List.of(newcomer))).isEqualTo(UUID.fromString(fresh));

        given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of("reportIds", List.of(UUID.randomUUID().toString())))
                .post("/api/v1/campaigns/{id}/split", campaign).then().statusCode(422).body("errors.field", hasItem("reportIds"));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of("reportIds", List.of()))
                .post("/api/v1/campaigns/{id}/split", campaign).then().statusCode(422);
    }

    @Test
    void theQueuePagesWithoutSkippingOrRepeating() throws Exception {
        for (int i = 0; i < 5; i++) {
            campaignOf(List.of(ReportEvents.smsAskingToCall(ReportEvents.randomPremiumNumber())));
        }
        String alice = DevRealm.userToken("alice");
        for (String sort : List.of("lastSeen", "reports", "velocity")) {
            Set<String> seen = new HashSet<>();
            String cursor = null;
            int pages = 0;
            do {
                var page = given().auth().oauth2(alice).queryParam("sort", sort).queryParam("limit", 2)
                        .queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/campaigns").then()
                        .statusCode(200).extract();
                List<String> ids = page.path("items.id");
                ids.forEach(id -> assertThat(seen.add(id)).as("repeated " + id).isTrue());
                cursor = page.path("nextCursor");
                pages++;
            } while (cursor != null && pages < 500);
            Object open = grouped.single("SELECT count(*) FROM campaign WHERE status <> ?1", "MERGED");
            assertThat((long) seen.size()).as(sort).isEqualTo(((Number) open).longValue());
        }
    }

    /** Waits until every report is grouped, all in one campaign, and returns it. */
    private UUID campaignOf(List<UUID> reports) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Set<UUID> campaigns = new HashSet<>();
            reports.forEach(report -> campaigns.add(grouped.campaignOf(report)));
            return campaigns.size() == 1 && !campaigns.contains(null);
        });
        return grouped.campaignOf(reports.get(0));
    }

    private static JsonNode data(List<BrokerProbe.Received> received, String routingKey) {
        return received.stream().filter(m -> m.routingKey().equals(routingKey)).findFirst()
                .map(m -> {
                    try {
                        return MAPPER.readTree(m.body()).path("data");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).orElseThrow();
    }
}
