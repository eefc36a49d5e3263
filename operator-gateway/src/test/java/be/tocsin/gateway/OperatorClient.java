package be.tocsin.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import be.tocsin.platform.testing.DevRealm;
import io.restassured.path.json.JsonPath;

/** An operator pulling its feed the way docs/operator-guide.md tells it to: page by page, from a cursor. */
public final class OperatorClient {

    private final String operator;
    private final String token;

    public OperatorClient(String operator) {
        this.operator = operator;
        this.token = DevRealm.operatorToken(operator);
    }

    public String token() {
        return token;
    }

    /** One page after {@code cursor}. */
    public JsonPath page(String cursor, int limit) {
        return given().auth().oauth2(token).queryParam("after", cursor).queryParam("limit", limit)
                .get("/api/v1/block-requests").then().statusCode(200).extract().jsonPath();
    }

    /** Every request from the start of the feed. */
    public List<Map<String, Object>> all() {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = "0";
        while (true) {
            JsonPath page = page(cursor, 100);
            List<Map<String, Object>> batch = page.getList("items");
            if (batch.isEmpty()) {
                return items;
            }
            items.addAll(batch);
            cursor = page.getString("nextCursor");
        }
    }

    /** Waits until the feed holds {@code count} requests for {@code campaign}; returns them in feed order. */
    public List<Map<String, Object>> awaitRequests(UUID campaign, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> requests(campaign).size() >= count);
        return requests(campaign);
    }

    public List<Map<String, Object>> requests(UUID campaign) {
        return all().stream().filter(item -> campaign.toString().equals(item.get("campaignId"))).toList();
    }

    @Override
    public String toString() {
        return operator;
    }
}
