package be.tocsin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.ContractEvents;
import be.tocsin.platform.testing.DevRealm;
import io.restassured.path.json.JsonPath;

/**
 * Two operator-gateway processes consume the same campaign events at once, and operators pull from
 * either: every operator gets exactly one BLOCK per confirmed campaign, in one gap-free feed,
 * whichever instance wrote it and whichever instance serves the pull.
 */
class TwoGatewayInstancesIT {

    private static final int CAMPAIGNS = 40;
    private static TwoInstances instances;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        instances = TwoInstances.start("operator-gateway", 9583);
    }

    @AfterAll
    static void stop() throws Exception {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void everyOperatorGetsOneBlockPerCampaignWhicheverInstanceServes() throws Exception {
        Set<String> campaigns = new HashSet<>();
        for (int i = 0; i < CAMPAIGNS; i++) {
            UUID campaign = UUID.randomUUID();
            campaigns.add(campaign.toString());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("campaignId", campaign.toString());
            data.put("title", "Campaign " + i);
            data.put("indicators", List.of(Map.of("type", "NUMBER_RANGE", "value", "+39069" + (10_000 + i))));
            data.put("confirmedBy", "alice");
            data.put("confirmedAt", Instant.now().toString());
            ContractEvents.publish(EventTypes.CAMPAIGN_CONFIRMED, "/alert-service", data);
        }

        for (String operator : List.of("proximus", "orange", "telenet")) {
            String token = DevRealm.operatorToken(operator);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> feed(token, instances.first).size() >= CAMPAIGNS);
            List<Map<String, Object>> viaFirst = feed(token, instances.first);
            List<Map<String, Object>> viaSecond = feed(token, instances.second);
            assertThat(viaFirst).as("the same feed from either instance").isEqualTo(viaSecond);
            assertThat(viaFirst).extracting(item -> item.get("campaignId")).as("one BLOCK per campaign for %s", operator)
                    .containsExactlyInAnyOrderElementsOf(campaigns);
            for (int i = 0; i < viaFirst.size(); i++) {
                assertThat(((Number) viaFirst.get(i).get("sequence")).longValue()).isEqualTo(i + 1L);
            }
        }
        String queue = "queue=\"operator-gateway.block-requests\"";
        assertThat(instances.first.metric("tocsin_events_consumed_total", queue, "outcome=\"applied\"")
                + instances.second.metric("tocsin_events_consumed_total", queue, "outcome=\"applied\""))
                .as("campaign events applied by the two instances together").isEqualTo(CAMPAIGNS);
    }

    private static List<Map<String, Object>> feed(String token, ServiceProcess gateway) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = "0";
        while (true) {
            JsonPath page = given().baseUri(gateway.baseUrl()).auth().oauth2(token).queryParam("after", cursor)
                    .queryParam("limit", 7).get("/api/v1/block-requests").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> batch = page.getList("items");
            if (batch.isEmpty()) {
                return items;
            }
            items.addAll(batch);
            cursor = page.getString("nextCursor");
        }
    }
}
