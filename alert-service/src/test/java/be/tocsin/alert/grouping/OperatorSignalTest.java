package be.tocsin.alert.grouping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import be.tocsin.alert.GroupedReports;
import be.tocsin.platform.testing.ReportEvents;
import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.ContractEvents;
import be.tocsin.platform.testing.DevRealm;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** An operator signals a range; the first citizen report from inside it joins the same campaign. */
@QuarkusTest
class OperatorSignalTest {

    @Inject
    GroupedReports grouped;

    @Test
    void aReportFromASignalledRangeJoinsTheSignalsCampaign() throws Exception {
        String range = "+3906" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        ContractEvents.publish(EventTypes.OPERATOR_SIGNAL_RECEIVED, "/operator-gateway", Map.of(
                "signalId", UUID.randomUUID().toString(), "operatorId", "orange",
                "indicators", List.of(Map.of("type", "NUMBER_RANGE", "value", range)), "observedCalls", 1840,
                "window", Map.of("start", Instant.now().minusSeconds(3600).toString(), "end", Instant.now().toString()),
                "note", "One-ring burst"));
        UUID signalled = await().atMost(Duration.ofSeconds(20))
                .until(() -> grouped.campaignOfKey("NUMBER_RANGE:" + range), java.util.Objects::nonNull);

        UUID joined = grouped.awaitCampaignOf(ReportEvents.callFrom(range + "42"));

        assertThat(joined).isEqualTo(signalled);
        given().auth().oauth2(DevRealm.userToken("alice")).get("/api/v1/campaigns/{id}", signalled).then()
                .statusCode(200)
                .body("reportCount", equalTo(1))
                .body("signals[0].operatorId", equalTo("orange"))
                .body("signals[0].observedCalls", equalTo(1840))
                .body("indicators.value", hasItem(range));
    }
}
