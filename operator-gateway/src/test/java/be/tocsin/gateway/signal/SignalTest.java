package be.tocsin.gateway.signal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.DevRealm;
import be.tocsin.platform.testing.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What an operator's network saw goes to alert-service as operator.signal.received, normalised. */
@QuarkusTest
class SignalTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aSignalIsPublishedWithTheOperatorAndNormalisedIndicators() throws Exception {
        try (BrokerProbe signals = BrokerProbe.listen("operator.signal.received")) {
            String signalId = given().auth().oauth2(DevRealm.operatorToken("orange")).contentType(ContentType.JSON)
                    .body(Map.of("indicators", List.of(Map.of("type", "NUMBER_RANGE", "value", "+3906901234"),
                            Map.of("type", "URL_DOMAIN", "value", "Track.DHL-colis.COM")),
                            "observedCalls", 1840, "windowStart", "2026-11-27T02:00:00Z",
                            "windowEnd", "2026-11-27T03:00:00Z", "note", "One-ring burst"))
                    .post("/api/v1/signals").then().statusCode(202).body("signalId", notNullValue())
                    .extract().path("signalId");

            String body = signals.await(1, Duration.ofSeconds(15)).get(0).body();
            EventSchemas.assertValidEvent(body);
            JsonNode data = MAPPER.readTree(body).path("data");
            assertThat(data.path("signalId").asText()).isEqualTo(signalId);
            assertThat(data.path("operatorId").asText()).as("from the token, not the body").isEqualTo("orange");
            assertThat(data.path("indicators").get(1).path("value").asText()).isEqualTo("dhl-colis.com");
            assertThat(data.path("observedCalls").asInt()).isEqualTo(1840);
        }
    }

    @Test
    void aBadSignalIsRefusedWithTheFieldAtFaultAndNothingIsPublished() throws Exception {
        String token = DevRealm.operatorToken("telenet");
        try (BrokerProbe signals = BrokerProbe.listen("operator.signal.received")) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("indicators", List.of(Map.of("type", "NUMBER", "value", "'; DROP TABLE operator;--"))))
                    .post("/api/v1/signals").then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("indicators[0]"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("indicators", List.of()))
                    .post("/api/v1/signals").then().statusCode(422).body("errors[0].field", equalTo("indicators"));
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("indicators", List.of(Map.of("type", "NUMBER", "value", "+32470123456")),
                            "observedCalls", "many"))
                    .post("/api/v1/signals").then().statusCode(422).body("errors[0].field", equalTo("observedCalls"));
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("indicators", List.of(Map.of("type", "NUMBER", "value", "+32470123456")),
                            "windowStart", "2026-11-27T03:00:00Z", "windowEnd", "2026-11-27T02:00:00Z"))
                    .post("/api/v1/signals").then().statusCode(422).body("errors[0].field", equalTo("windowEnd"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body("[[[[")
                    .post("/api/v1/signals").then().statusCode(400).contentType("application/problem+json");
            Thread.sleep(1_500);
            assertThat(signals.messages()).isEmpty();
        }
    }
}
