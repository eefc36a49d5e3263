package be.tocsin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.ContractEvents;
import be.tocsin.platform.testing.DevRealm;
import io.restassured.http.ContentType;

/**
 * Two report-service processes behind one load balancer, each with its own lookup cache and its own
 * filter of the numbers it knows of. A report is taken by one of them, a campaign event is applied by
 * one of them, a staff change is served by one of them: both answer the new verdict within seconds,
 * not when their cached answers expire.
 */
class TwoReportServiceInstancesIT {

    private static TwoInstances instances;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        instances = TwoInstances.start("report-service", 9591);
    }

    @AfterAll
    static void stop() throws Exception {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void bothInstancesAnswerWhatOneOfThemLearnt() throws Exception {
        String range = "+390692" + (1_000 + ThreadLocalRandom.current().nextInt(8_999));
        String inRange = range + "17";
        String embassy = range + "55";
        String reported = "+390693" + (100_000 + ThreadLocalRandom.current().nextInt(899_999));
        for (ServiceProcess instance : List.of(instances.first, instances.second)) {
            assertThat(verdict(instance, inRange)).isEqualTo("UNKNOWN");
            assertThat(verdict(instance, embassy)).isEqualTo("UNKNOWN");
            assertThat(verdict(instance, reported)).isEqualTo("UNKNOWN");
        }

        given().baseUri(instances.first.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("channel", "CALL", "sender", reported)).post("/api/v1/reports").then().statusCode(202);
        awaitVerdict(reported, "REPORTED");

        Map<String, Object> confirmed = new LinkedHashMap<>();
        confirmed.put("campaignId", UUID.randomUUID().toString());
        confirmed.put("title", "Wangiri from " + range);
        confirmed.put("indicators", List.of(Map.of("type", "NUMBER_RANGE", "value", range)));
        confirmed.put("confirmedBy", "alice");
        confirmed.put("confirmedAt", Instant.now().toString());
        ContractEvents.publish(EventTypes.CAMPAIGN_CONFIRMED, "/alert-service", confirmed);
        awaitVerdict(inRange, "CONFIRMED_SCAM");

        given().baseUri(instances.second.baseUrl()).auth().oauth2(DevRealm.userToken("alice")).contentType(ContentType.JSON)
                .body(Map.of("label", "Embassy switchboard")).put("/api/v1/protected-numbers/{n}", embassy)
                .then().statusCode(200);
        awaitVerdict(embassy, "PROTECTED");
    }

    /** Both instances answer {@code verdict} within 5 s: their cached answers live a minute. */
    private static void awaitVerdict(String number, String verdict) {
        for (ServiceProcess instance : List.of(instances.first, instances.second)) {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> verdict.equals(verdict(instance, number)));
        }
    }

    private static String verdict(ServiceProcess instance, String number) {
        return given().baseUri(instance.baseUrl()).get("/api/v1/numbers/{n}", number).then().statusCode(200)
                .extract().path("verdict");
    }
}
