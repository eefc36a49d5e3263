package be.tocsin.gateway.blocking;

import static be.tocsin.gateway.CampaignEvents.indicator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import be.tocsin.gateway.CampaignEvents;
import be.tocsin.gateway.OperatorClient;
import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.ContractEvents;
import be.tocsin.platform.testing.DevRealm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Staff protect a number in report-service after a campaign around it was blocked: operators get the
 * block withdrawn and issued again without it, and no later campaign blocks it until staff say so.
 */
@QuarkusTest
class ProtectionChangesTest {

    private final OperatorClient telenet = new OperatorClient("telenet");

    @Inject
    ProtectedNumberList protectedNumbers;

    @Test
    void aNumberProtectedLaterIsTakenOutOfTheBlocksInForceAndKeptOutOfNewOnes() throws Exception {
        // A 100-number range of its own (other tests draw from +390690…), and a line inside it.
        String range = "+390691" + (1_000 + ThreadLocalRandom.current().nextInt(8_999));
        String embassy = range + "42";
        String callback = CampaignEvents.randomPremiumNumber();
        UUID blocked = CampaignEvents.confirm(List.of(indicator("NUMBER_RANGE", range), indicator("CALLBACK_NUMBER", callback)));
        assertThat(indicatorsOf(telenet.awaitRequests(blocked, 1).get(0))).hasSize(2);

        Instant protectedAt = Instant.now();
        change(embassy, true, protectedAt);

        List<Map<String, Object>> requests = telenet.awaitRequests(blocked, 3);
        assertThat(requests).extracting(r -> r.get("action")).containsExactly("BLOCK", "LIFT", "BLOCK");
        assertThat(indicatorsOf(requests.get(1))).as("the LIFT withdraws the whole first request")
                .isEqualTo(indicatorsOf(requests.get(0)));
        List<Map<String, Object>> reissued = indicatorsOf(requests.get(2));
        assertThat(reissued).contains(Map.of("type", "NUMBER", "value", callback, "direction", "OUTBOUND"));
        assertThat(reissued).noneMatch(i -> embassy.startsWith((String) i.get("value")));
        // Every other number of the range is still blocked, by exactly one narrower range.
        for (int suffix = 0; suffix < 100; suffix++) {
            String number = range + String.format("%02d", suffix);
            long covering = reissued.stream().filter(i -> number.startsWith((String) i.get("value"))).count();
            assertThat(covering).as("ranges covering %s", number).isEqualTo(number.equals(embassy) ? 0 : 1);
        }
        String alice = DevRealm.userToken("alice");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(alice).get("/api/v1/refusals")
                .then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.campaignId == '" + blocked + "' && it.protectedNumber == '" + embassy + "' }")
                .size() == 1);

        // An unprotection older than the protection arrives late: it changes nothing.
        change(embassy, false, protectedAt.minusSeconds(60));
        UUID later = CampaignEvents.confirm(List.of(indicator("NUMBER", embassy), indicator("CALLBACK_NUMBER", callback)));
        assertThat(indicatorsOf(telenet.awaitRequests(later, 1).get(0)))
                .containsExactly(Map.of("type", "NUMBER", "value", callback, "direction", "OUTBOUND"));

        // Staff stop protecting it: from then on a campaign may block it again. (Changes and campaigns
        // come through queues of their own: the campaign waits until the change is applied.)
        change(embassy, false, Instant.now());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !QuarkusTransaction.requiringNew().call(() ->
                protectedNumbers.forIssuing().screen(new BlockIndicator(BlockIndicator.NUMBER, embassy, BlockIndicator.INBOUND)).changed()));
        UUID afterwards = CampaignEvents.confirm(List.of(indicator("NUMBER", embassy)));
        assertThat(indicatorsOf(telenet.awaitRequests(afterwards, 1).get(0)))
                .containsExactly(Map.of("type", "NUMBER", "value", embassy, "direction", "INBOUND"));
    }

    private static void change(String number, boolean isProtected, Instant at) throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("number", number);
        data.put("protected", isProtected);
        data.put("label", isProtected ? "Embassy switchboard" : null);
        data.put("changedBy", "alice");
        data.put("changedAt", at.toString());
        ContractEvents.publish(EventTypes.NUMBER_PROTECTION_CHANGED, "/report-service", data);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> indicatorsOf(Map<String, Object> request) {
        return (List<Map<String, Object>>) request.get("indicators");
    }
}
