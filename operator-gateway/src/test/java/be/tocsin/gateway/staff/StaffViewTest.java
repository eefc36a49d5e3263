package be.tocsin.gateway.staff;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.gateway.CampaignEvents;
import be.tocsin.gateway.OperatorClient;
import be.tocsin.platform.testing.DevRealm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Staff see, per operator, what is pending, applied, rejected and how fast it was applied. */
@QuarkusTest
class StaffViewTest {

    @Test
    void appliedRequestsShowInTheCountsAndTheTimeToApply() throws Exception {
        String alice = DevRealm.userToken("alice");
        long appliedBefore = progress(alice, "orange").getLong("applied");

        UUID campaign = CampaignEvents.confirm(List.of(CampaignEvents.indicator("NUMBER", "+390633333333")));
        OperatorClient orange = new OperatorClient("orange");
        String id = (String) orange.awaitRequests(campaign, 1).get(0).get("id");
        given().auth().oauth2(orange.token()).contentType(ContentType.JSON).body(Map.of("status", "APPLIED"))
                .post("/api/v1/block-requests/{id}/ack", id).then().statusCode(200);

        JsonPath after = progress(alice, "orange");
        assertThat(after.getLong("applied")).isEqualTo(appliedBefore + 1);
        assertThat(after.getDouble("medianSecondsToApply")).isGreaterThanOrEqualTo(0);
        assertThat(after.getDouble("p95SecondsToApply")).isGreaterThanOrEqualTo(after.getDouble("medianSecondsToApply"));
        assertThat(after.getString("name")).isEqualTo("Orange Belgium");
    }

    @Test
    void thePageShowsEveryOperatorToStaffAndSendsOthersToLogIn() {
        given().auth().oauth2(DevRealm.userToken("alice")).get("/operators").then().statusCode(200)
                .contentType(containsString("text/html")).header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("Proximus"), containsString("Orange Belgium"), containsString("Telenet"));
        given().auth().oauth2(DevRealm.userToken("carol")).get("/operators").then().statusCode(403);
        given().redirects().follow(false).get("/operators").then().statusCode(302)
                .header("Location", containsString("/realms/tocsin/protocol/openid-connect/auth"));
    }

    private static JsonPath progress(String token, String operator) {
        List<Map<String, Object>> operators = given().auth().oauth2(token).get("/api/v1/operators").then().statusCode(200)
                .extract().jsonPath().getList("");
        Map<String, Object> mine = operators.stream().filter(o -> operator.equals(o.get("operatorId"))).findFirst().orElseThrow();
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(mine).toString());
    }
}
