package be.tocsin.gateway.blocking;

import static be.tocsin.gateway.CampaignEvents.indicator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.gateway.CampaignEvents;
import be.tocsin.gateway.OperatorClient;
import be.tocsin.platform.testing.DevRealm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A campaign whose indicators touch Card Stop: operators never get it, staff see why. */
@QuarkusTest
class ProtectedBlockTest {

    @Test
    void protectedNumbersAreKeptOutAndTheRefusalIsVisibleToStaff() throws Exception {
        String callback = CampaignEvents.randomPremiumNumber();
        UUID campaign = CampaignEvents.confirm(List.of(indicator("NUMBER_RANGE", "+32781701"),
                indicator("CALLBACK_NUMBER", "+3278170170"), indicator("CALLBACK_NUMBER", callback)));

        List<Map<String, Object>> requests = new OperatorClient("orange").awaitRequests(campaign, 1);
        List<Map<String, Object>> indicators = (List<Map<String, Object>>) requests.get(0).get("indicators");
        assertThat(indicators).noneMatch(i -> "+3278170170".startsWith((String) i.get("value")));
        assertThat(indicators).contains(Map.of("type", "NUMBER", "value", callback, "direction", "OUTBOUND"));
        assertThat(indicators).filteredOn(i -> "NUMBER_RANGE".equals(i.get("type"))).hasSize(18);

        String alice = DevRealm.userToken("alice");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(alice)
                .get("/api/v1/refusals").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.campaignId == '" + campaign + "' }").size() == 2);
        JsonPath refusals = given().auth().oauth2(alice).get("/api/v1/refusals").then().extract().jsonPath();
        List<Map<String, Object>> mine = refusals.getList("findAll { it.campaignId == '" + campaign + "' }");
        assertThat(mine).extracting(r -> r.get("value")).containsExactlyInAnyOrder("+32781701", "+3278170170");
        assertThat(mine).allSatisfy(r -> assertThat(r.get("protectedNumber")).isEqualTo("+3278170170"));
        assertThat(mine).filteredOn(r -> "+3278170170".equals(r.get("value")))
                .allSatisfy(r -> assertThat((List<?>) r.get("narrowedTo")).isEmpty());
    }
}
