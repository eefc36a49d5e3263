package be.tocsin.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.AccessDenied;
import be.tocsin.platform.testing.DevRealm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Real tokens from the dev realm: operators see only their own requests; nobody else pulls. */
@QuarkusTest
class OperatorSecurityTest {

    @Test
    void eachOperatorSeesOnlyItsOwnRequests() throws Exception {
        UUID campaign = CampaignEvents.confirm(List.of(CampaignEvents.indicator("NUMBER_RANGE", CampaignEvents.randomRange())));
        Map<String, String> idsByOperator = new java.util.HashMap<>();
        for (String operator : List.of("proximus", "orange", "telenet")) {
            OperatorClient client = new OperatorClient(operator);
            idsByOperator.put(operator, (String) client.awaitRequests(campaign, 1).get(0).get("id"));
            List<Map<String, Object>> everything = client.all();
            for (String other : List.of("proximus", "orange", "telenet")) {
                if (!other.equals(operator)) {
                    assertThat(everything).extracting(item -> item.get("id"))
                            .as("%s sees %s's request", operator, other).doesNotContain(idsByOperator.get(other));
                }
            }
        }
        assertThat(idsByOperator.values()).doesNotHaveDuplicates();
    }

    @Test
    void nobodyButOperatorsPullsAndNobodyButStaffReadsTheOperators() {
        String alice = DevRealm.userToken("alice");
        String carol = DevRealm.userToken("carol");
        String proximus = DevRealm.operatorToken("proximus");

        given().get("/api/v1/block-requests").then().spec(AccessDenied.UNAUTHENTICATED);
        given().auth().oauth2(alice).get("/api/v1/block-requests").then().spec(AccessDenied.FORBIDDEN);
        given().auth().oauth2(carol).get("/api/v1/block-requests").then().spec(AccessDenied.FORBIDDEN);
        given().auth().oauth2(proximus).get("/api/v1/block-requests").then().statusCode(200);

        given().contentType(ContentType.JSON).body(Map.of("status", "APPLIED"))
                .post("/api/v1/block-requests/{id}/ack", UUID.randomUUID()).then().spec(AccessDenied.UNAUTHENTICATED);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("status", "APPLIED"))
                .post("/api/v1/block-requests/{id}/ack", UUID.randomUUID()).then().spec(AccessDenied.FORBIDDEN);
        given().auth().oauth2(proximus).contentType(ContentType.JSON).body(Map.of("status", "APPLIED"))
                .post("/api/v1/block-requests/{id}/ack", UUID.randomUUID()).then().statusCode(404);

        given().contentType(ContentType.JSON).body("{}").post("/api/v1/signals").then().spec(AccessDenied.UNAUTHENTICATED);
        given().auth().oauth2(bob()).contentType(ContentType.JSON).body("{}").post("/api/v1/signals").then().spec(AccessDenied.FORBIDDEN);

        given().get("/api/v1/operators").then().spec(AccessDenied.UNAUTHENTICATED);
        given().auth().oauth2(carol).get("/api/v1/operators").then().spec(AccessDenied.FORBIDDEN);
        given().auth().oauth2(proximus).get("/api/v1/operators").then().spec(AccessDenied.FORBIDDEN);
        given().auth().oauth2(alice).get("/api/v1/operators").then().statusCode(200);
    }

    @Test
    void aTamperedOrForeignTokenIsRefused() {
        String proximus = DevRealm.operatorToken("proximus");
        String[] parts = proximus.split("\\.");
        // Claim to be orange with proximus's signature.
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"proximus\"", "\"orange\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(forged).get("/api/v1/block-requests").then().spec(AccessDenied.UNAUTHENTICATED);
        String flipped = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? "B" : "A") + parts[2].substring(1);
        given().auth().oauth2(flipped).get("/api/v1/block-requests").then().spec(AccessDenied.UNAUTHENTICATED);
        given().auth().oauth2("not-a-token").get("/api/v1/block-requests").then().spec(AccessDenied.UNAUTHENTICATED);
    }

    private static String bob() {
        return DevRealm.userToken("bob");
    }
}
