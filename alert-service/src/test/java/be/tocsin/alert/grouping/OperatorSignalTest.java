package be.tocsin.alert.grouping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.ContractEvents;
import be.tocsin.platform.testing.DevRealm;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** An operator signals a range; the first citizen report from inside it joins the same campaign. */
@QuarkusTest
class OperatorSignalTest {

    @Inject
    EntityManager db;

    @Test
    void aReportFromASignalledRangeJoinsTheSignalsCampaign() throws Exception {
        String range = "+3906" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        ContractEvents.publish(EventTypes.OPERATOR_SIGNAL_RECEIVED, "/operator-gateway", Map.of(
                "signalId", UUID.randomUUID().toString(), "operatorId", "orange",
                "indicators", List.of(Map.of("type", "NUMBER_RANGE", "value", range)), "observedCalls", 1840,
                "window", Map.of("start", Instant.now().minusSeconds(3600).toString(), "end", Instant.now().toString()),
                "note", "One-ring burst"));
        UUID signalled = await().atMost(Duration.ofSeconds(20)).until(() -> campaignOfKey("NUMBER_RANGE:" + range),
                java.util.Objects::nonNull);

        UUID report = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reportId", report.toString());
        data.put("channel", "CALL");
        data.put("sender", Map.of("kind", "PHONE", "e164", range + "42", "region", "IT", "type", "FIXED_LINE",
                "valid", true, "premiumRate", false));
        data.put("senderWithheld", false);
        data.put("callback", null);
        data.put("message", null);
        data.put("urls", List.of());
        data.put("occurredAt", Instant.now().toString());
        data.put("receivedAt", Instant.now().toString());
        data.put("language", "fr");
        ContractEvents.publish(EventTypes.REPORT_RECEIVED, "/report-service", data);

        UUID joined = await().atMost(Duration.ofSeconds(20)).until(() -> single(
                "SELECT campaign_id FROM campaign_report WHERE report_id = ?1", report), java.util.Objects::nonNull);
        assertThat(joined).isEqualTo(signalled);
        given().auth().oauth2(DevRealm.userToken("alice")).get("/api/v1/campaigns/{id}", signalled).then()
                .statusCode(200)
                .body("reportCount", equalTo(1))
                .body("signals[0].operatorId", equalTo("orange"))
                .body("signals[0].observedCalls", equalTo(1840))
                .body("indicators.value", hasItem(range));
    }

    private UUID campaignOfKey(String key) {
        return single("SELECT campaign_id FROM link_key WHERE key = ?1", key);
    }

    private UUID single(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = db.createNativeQuery(sql).setParameter(1, parameter).getResultList();
            return rows.isEmpty() ? null : (UUID) rows.get(0);
        });
    }
}
