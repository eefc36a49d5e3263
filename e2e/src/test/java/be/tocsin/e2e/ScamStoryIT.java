package be.tocsin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.DevRealm;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The whole story across the three packaged services, through their public APIs only: citizens
 * report a wangiri wave, the centre confirms the campaign and publishes an alert, the three
 * operators receive the block, a lookup and the reporter's follow-up show the outcome, a line
 * protected later in report-service is taken out of the blocks, and the lift reaches every operator.
 */
class ScamStoryIT extends WholePlatformIT {

    private static final List<String> OPERATORS = List.of("proximus", "orange", "telenet");

    @Test
    void fromThirtyReportsToBlocksAlertsAndTheLift() {
        int block = 1_000 + ThreadLocalRandom.current().nextInt(8_999);
        String range = "+390690" + block;                       // +39 06 90 xxxx ..: one 100-number block
        String premium = "+3290" + (300_000 + ThreadLocalRandom.current().nextInt(99_999));
        String premiumWritten = "0" + premium.substring(3, 6) + " " + premium.substring(6, 8) + " " + premium.substring(8);

        // 1. Thirty citizens report: one-ring calls from rotating numbers, SMS pushing the callback.
        List<String[]> receipts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String sender = "0039 06 90" + block + String.format("%02d", i * 3);
            Map<String, Object> report = i % 3 == 0
                    ? Map.of("channel", "SMS", "sender", sender, "language", "fr", "callbackNumber", premiumWritten,
                            "message", "Colis en attente. Appelez le " + premiumWritten + " pour la livraison.")
                    : Map.of("channel", "CALL", "sender", sender, "language", "nl", "message", "Eén keer gebeld");
            JsonPath accepted = given().baseUri(reports.baseUrl()).header("X-Forwarded-For", "198.51.100." + (i + 1))
                    .contentType(ContentType.JSON).body(report).post("/api/v1/reports")
                    .then().statusCode(202).extract().jsonPath();
            receipts.add(new String[] { accepted.getString("id"), accepted.getString("receipt") });
        }

        // 2. alert-service groups them into one campaign, and every reporter sees it.
        Set<String> campaigns = new HashSet<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            campaigns.clear();
            for (String[] receipt : receipts) {
                JsonPath status = follow(receipt);
                assertThat(status.getString("status")).isEqualTo("IN_CAMPAIGN");
                campaigns.add(status.getString("campaignId"));
            }
            assertThat(campaigns).hasSize(1);
        });
        String campaign = campaigns.iterator().next();
        String alice = DevRealm.userToken("alice");
        String bob = DevRealm.userToken("bob");
        List<Map<String, Object>> indicators = given().baseUri(alerts.baseUrl()).auth().oauth2(alice)
                .get("/api/v1/campaigns/{id}", campaign).then().statusCode(200).extract().jsonPath().getList("indicators");
        assertThat(indicators).anySatisfy(i -> assertThat(i).containsEntry("type", "NUMBER_RANGE").containsEntry("value", range));
        assertThat(indicators).anySatisfy(i -> assertThat(i).containsEntry("type", "CALLBACK_NUMBER").containsEntry("value", premium));

        // 3. alice confirms; alice drafts an alert, bob publishes it.
        given().baseUri(alerts.baseUrl()).auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("title", "Wangiri from +39 06 90 " + block)).post("/api/v1/campaigns/{id}/confirm", campaign)
                .then().statusCode(200);
        String alert = given().baseUri(alerts.baseUrl()).auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("campaignId", campaign, "severity", "Severe", "texts", Map.of(
                        "fr", text("Appels d'un seul coup"), "nl", text("Eén keer gebeld"),
                        "de", text("Ein Klingeln"), "en", text("One-ring calls"))))
                .post("/api/v1/alerts").then().statusCode(201).extract().path("id");
        given().baseUri(alerts.baseUrl()).auth().oauth2(alice).post("/api/v1/alerts/{id}/publish", alert).then().statusCode(403);
        given().baseUri(alerts.baseUrl()).auth().oauth2(bob).post("/api/v1/alerts/{id}/publish", alert).then().statusCode(200);

        // 4. Each operator pulls one BLOCK: the range INBOUND, the callback OUTBOUND.
        String proximusRequest = null;
        for (String operator : OPERATORS) {
            Map<String, Object> request = awaitRequest(operator, campaign, item -> "BLOCK".equals(item.get("action")));
            assertThat((List<Map<String, Object>>) request.get("indicators")).containsExactlyInAnyOrder(
                    Map.of("type", "NUMBER_RANGE", "value", range, "direction", "INBOUND"),
                    Map.of("type", "NUMBER", "value", premium, "direction", "OUTBOUND"));
            if ("proximus".equals(operator)) {
                proximusRequest = (String) request.get("id");
            }
        }

        // 5. proximus applies it.
        given().baseUri(gateway.baseUrl()).auth().oauth2(DevRealm.operatorToken("proximus")).contentType(ContentType.JSON)
                .body(Map.of("status", "APPLIED")).post("/api/v1/block-requests/{id}/ack", proximusRequest)
                .then().statusCode(200);

        // 6. A number of the range nobody reported is a confirmed scam, with the alert.
        String neverReported = range + "98";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath lookup = given().baseUri(reports.baseUrl()).get("/api/v1/numbers/{n}", neverReported)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(lookup.getString("verdict")).isEqualTo("CONFIRMED_SCAM");
            assertThat(lookup.getString("campaign.alertUrl")).endsWith("/alerts/" + alert);
        });

        // 7. The reporter follows their report: confirmed, blocked by one operator.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath status = follow(receipts.get(0));
            assertThat(status.getString("status")).isEqualTo("CONFIRMED_SCAM");
            assertThat(status.getInt("blockedBy")).isEqualTo(1);
        });

        // 8. alice protects an embassy's line inside the range, in report-service: every operator's
        //    block is withdrawn and issued again around it.
        String embassy = range + "55";
        given().baseUri(reports.baseUrl()).auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("label", "Embassy switchboard")).put("/api/v1/protected-numbers/{n}", embassy)
                .then().statusCode(200);
        for (String operator : OPERATORS) {
            Map<String, Object> reissued = awaitRequest(operator, campaign,
                    item -> "BLOCK".equals(item.get("action")) && ((String) item.get("reason")).contains(embassy));
            List<Map<String, Object>> narrowed = (List<Map<String, Object>>) reissued.get("indicators");
            assertThat(narrowed).hasSize(19).noneMatch(i -> embassy.startsWith((String) i.get("value")))
                    .contains(Map.of("type", "NUMBER", "value", premium, "direction", "OUTBOUND"));
        }

        // 9. The campaign is lifted: every operator receives a LIFT of what is blocked now.
        given().baseUri(alerts.baseUrl()).auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("reason", "Range reassigned")).post("/api/v1/campaigns/{id}/lift", campaign).then().statusCode(200);
        for (String operator : OPERATORS) {
            Map<String, Object> lift = awaitRequest(operator, campaign,
                    item -> "LIFT".equals(item.get("action")) && ((String) item.get("reason")).contains("Range reassigned"));
            assertThat(lift).containsEntry("status", "PENDING");
            assertThat((List<?>) lift.get("indicators")).hasSize(19);
        }
    }

    private static JsonPath follow(String[] receipt) {
        return given().baseUri(reports.baseUrl()).header("X-Receipt", receipt[1]).get("/api/v1/reports/{id}", receipt[0])
                .then().statusCode(200).extract().jsonPath();
    }

    /** Pulls the operator's feed (with wait=) until a request for the campaign that {@code matches} shows. */
    private static Map<String, Object> awaitRequest(String operator, String campaign, Predicate<Map<String, Object>> matches) {
        String token = DevRealm.operatorToken(operator);
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            String cursor = "0";
            while (true) {
                JsonPath page = given().baseUri(gateway.baseUrl()).auth().oauth2(token).queryParam("after", cursor)
                        .queryParam("wait", 2).get("/api/v1/block-requests").then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> items = page.getList("items");
                if (items.isEmpty()) {
                    return null;
                }
                for (Map<String, Object> item : items) {
                    if (campaign.equals(item.get("campaignId")) && matches.test(item)) {
                        return item;
                    }
                }
                cursor = page.getString("nextCursor");
            }
        }, java.util.Objects::nonNull);
    }

    private static Map<String, String> text(String headline) {
        return Map.of("headline", headline, "description", "Calls from rotating Rome numbers that hang up at once.",
                "instruction", "Never call back; report the number.");
    }
}
