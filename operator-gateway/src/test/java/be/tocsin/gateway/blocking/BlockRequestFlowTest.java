package be.tocsin.gateway.blocking;

import static be.tocsin.gateway.CampaignEvents.indicator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.gateway.CampaignEvents;
import be.tocsin.gateway.OperatorClient;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.EventSchemas;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** A confirmed campaign reaches every operator as a BLOCK; acknowledgements and the lift follow. */
@QuarkusTest
class BlockRequestFlowTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    EntityManager db;

    @Inject
    RequestExpiry expiry;

    @Test
    void everyOperatorReceivesTheBlockAndThenTheLift() throws Exception {
        String range = CampaignEvents.randomRange();
        String callback = CampaignEvents.randomPremiumNumber();
        UUID campaign = CampaignEvents.confirm(List.of(indicator("NUMBER_RANGE", range), indicator("NUMBER", range + "42"),
                indicator("CALLBACK_NUMBER", callback), indicator("URL_DOMAIN", "colis-track.com")));

        for (String operator : List.of("proximus", "orange", "telenet")) {
            List<Map<String, Object>> requests = new OperatorClient(operator).awaitRequests(campaign, 1);
            assertThat(requests).as("requests of %s", operator).hasSize(1);
            Map<String, Object> block = requests.get(0);
            assertThat(block).containsEntry("action", "BLOCK").containsEntry("status", "PENDING")
                    .containsKeys("id", "sequence", "reason", "issuedAt", "expiresAt");
            assertThat((List<Object>) block.get("indicators")).as("a domain is not for operators; a number inside the range is the range").containsExactlyInAnyOrder(
                    Map.of("type", "NUMBER_RANGE", "value", range, "direction", "INBOUND"),
                    Map.of("type", "NUMBER", "value", callback, "direction", "OUTBOUND"));
        }

        try (BrokerProbe acks = BrokerProbe.listen("block.acknowledged")) {
            OperatorClient proximus = new OperatorClient("proximus");
            String id = (String) proximus.requests(campaign).get(0).get("id");
            ack(proximus, id, "APPLIED").statusCode(200).body("status", equalTo("APPLIED"));
            ack(proximus, id, "APPLIED").statusCode(200).body("status", equalTo("APPLIED"));
            ack(proximus, id, "REJECTED").statusCode(409).contentType("application/problem+json");
            ack(new OperatorClient("orange"), id, "APPLIED").statusCode(404);

            List<BrokerProbe.Received> published = acks.await(1, Duration.ofSeconds(15));
            Thread.sleep(1_000);
            assertThat(acks.messages()).as("one event for the answer given twice").hasSize(1);
            EventSchemas.assertValidEvent(published.get(0).body());
            JsonNode data = MAPPER.readTree(published.get(0).body()).path("data");
            assertThat(data.path("blockRequestId").asText()).isEqualTo(id);
            assertThat(data.path("operatorId").asText()).isEqualTo("proximus");
            assertThat(data.path("status").asText()).isEqualTo("APPLIED");
        }
        assertThat(audited("proximus", "ACK")).isGreaterThanOrEqualTo(2);
        assertThat(audited("proximus", "PULL")).isPositive();

        CampaignEvents.lift(campaign, "Range reassigned");
        for (String operator : List.of("proximus", "orange", "telenet")) {
            List<Map<String, Object>> requests = new OperatorClient(operator).awaitRequests(campaign, 2);
            assertThat(requests.get(1)).containsEntry("action", "LIFT").containsEntry("status", "PENDING");
            assertThat((List<?>) requests.get(1).get("indicators")).isEqualTo(requests.get(0).get("indicators"));
        }
    }

    @Test
    void badAcknowledgementsAreRefusedClearly() throws Exception {
        UUID campaign = CampaignEvents.confirm(List.of(indicator("NUMBER", "+390612345678")));
        OperatorClient telenet = new OperatorClient("telenet");
        String id = (String) telenet.awaitRequests(campaign, 1).get(0).get("id");

        given().auth().oauth2(telenet.token()).contentType(ContentType.JSON).body(Map.of("status", "DONE"))
                .post("/api/v1/block-requests/{id}/ack", id).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        given().auth().oauth2(telenet.token()).contentType(ContentType.JSON)
                .body(Map.of("status", "APPLIED", "appliedAt", "2999-01-01T00:00:00Z"))
                .post("/api/v1/block-requests/{id}/ack", id).then().statusCode(422)
                .body("errors[0].field", equalTo("appliedAt"));
        given().auth().oauth2(telenet.token()).contentType(ContentType.JSON).body("{\"status\": ")
                .post("/api/v1/block-requests/{id}/ack", id).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(telenet.token()).contentType(ContentType.JSON).body(Map.of("status", "APPLIED"))
                .post("/api/v1/block-requests/{id}/ack", "../../operators").then().statusCode(404);
        given().auth().oauth2(telenet.token()).queryParam("after", "-1").get("/api/v1/block-requests").then()
                .statusCode(422).body("errors[0].field", equalTo("after"));
        given().auth().oauth2(telenet.token()).queryParam("limit", "100000").get("/api/v1/block-requests").then()
                .statusCode(422).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(telenet.token()).queryParam("wait", "3600").get("/api/v1/block-requests").then()
                .statusCode(422).body("errors[0].field", equalTo("wait"));
        // Nothing of the above changed the request.
        assertThat(telenet.requests(campaign).get(0)).containsEntry("status", "PENDING");
    }

    @Test
    void aRequestPastItsExpiryShowsExpiredAndCanNoLongerBeAcknowledged() throws Exception {
        UUID campaign = CampaignEvents.confirm(List.of(indicator("NUMBER", "+390644444444")));
        OperatorClient orange = new OperatorClient("orange");
        String id = (String) orange.awaitRequests(campaign, 1).get(0).get("id");
        QuarkusTransaction.requiringNew().run(() -> db.createNativeQuery(
                "UPDATE block_request SET expires_at = now() - interval '1 minute' WHERE id = ?1")
                .setParameter(1, UUID.fromString(id)).executeUpdate());

        assertThat(orange.requests(campaign).get(0)).as("shown EXPIRED before any sweep").containsEntry("status", "EXPIRED");
        ack(orange, id, "APPLIED").statusCode(409).contentType("application/problem+json");
        assertThat(expiry.sweepNow()).isGreaterThanOrEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> db.createNativeQuery(
                "SELECT status FROM block_request WHERE id = ?1").setParameter(1, UUID.fromString(id)).getSingleResult()))
                .isEqualTo("EXPIRED");
    }

    private io.restassured.response.ValidatableResponse ack(OperatorClient operator, String id, String status) {
        return given().auth().oauth2(operator.token()).contentType(ContentType.JSON).body(Map.of("status", status))
                .post("/api/v1/block-requests/{id}/ack", id).then();
    }

    private long audited(String operator, String action) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) db.createNativeQuery(
                "SELECT count(*) FROM operator_audit WHERE operator_id = ?1 AND action = ?2")
                .setParameter(1, operator).setParameter(2, action).getSingleResult()).longValue());
    }
}
