package be.tocsin.report.lookup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.DevRealm;
import be.tocsin.platform.testing.EventSchemas;
import be.tocsin.report.Citizen;
import be.tocsin.report.protect.EarlierProtections;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Staff edit the protected list with real tokens from the dev realm; nobody else may. */
@QuarkusTest
class ProtectedNumbersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    EarlierProtections earlierProtections;
    @Inject
    Sql sql;

    @Test
    void anAnalystProtectsANumberAndLookupsAnswerProtectedAtOnce() throws Exception {
        String number = Citizen.randomItalianNumber();
        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        Citizen.anyone().lookup(number).body("verdict", equalTo("REPORTED"));

        try (BrokerProbe probe = BrokerProbe.listen("number.protection.changed")) {
            given().auth().oauth2(DevRealm.userToken("alice")).contentType(ContentType.JSON)
                    .body(Map.of("label", "Embassy switchboard")).put("/api/v1/protected-numbers/{n}", number).then()
                    .statusCode(200).body("number", equalTo(number)).body("addedBy", equalTo("alice"));
            Citizen.anyone().lookup(number).body("verdict", equalTo("PROTECTED"));
            given().auth().oauth2(DevRealm.userToken("bob")).get("/api/v1/protected-numbers").then()
                    .statusCode(200).body("number", hasItem("+3278170170"));

            given().auth().oauth2(DevRealm.userToken("alice")).delete("/api/v1/protected-numbers/{n}", number).then()
                    .statusCode(204);
            Citizen.anyone().lookup(number).body("verdict", equalTo("REPORTED"));

            // operator-gateway hears of both changes, so it keeps blocks off the number meanwhile.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> changesOf(probe, number).size() == 2);
            List<JsonNode> changes = changesOf(probe, number);
            JsonNode protecting = changes.stream().filter(c -> c.path("protected").asBoolean()).findFirst().orElseThrow();
            JsonNode unprotecting = changes.stream().filter(c -> !c.path("protected").asBoolean()).findFirst().orElseThrow();
            assertThat(protecting.path("label").asText()).isEqualTo("Embassy switchboard");
            assertThat(protecting.path("changedBy").asText()).isEqualTo("alice");
            assertThat(Instant.parse(unprotecting.path("changedAt").asText()))
                    .as("the gateway applies changes in this order").isAfter(Instant.parse(protecting.path("changedAt").asText()));
        }
    }

    /**
     * Numbers staff protected before protection changes were announced (V6 lists them) reach
     * operator-gateway once, as protected since they were added.
     */
    @Test
    void numbersProtectedBeforeChangesWereAnnouncedAreAnnouncedOnce() throws Exception {
        String number = Citizen.randomItalianNumber();
        Instant addedAt = Instant.parse("2026-11-02T09:30:00Z");
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("INSERT INTO protected_number (e164, label, added_by, added_at) VALUES (?, 'Old embassy line', 'alice', ?)",
                    number, addedAt);
            sql.update("INSERT INTO protection_not_yet_announced (e164) VALUES (?)", number);
        });

        try (BrokerProbe probe = BrokerProbe.listen("number.protection.changed")) {
            assertThat(earlierProtections.announce()).isEqualTo(1);
            assertThat(earlierProtections.announce()).as("announced once").isZero();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> changesOf(probe, number).size() == 1);
            JsonNode change = changesOf(probe, number).get(0);
            assertThat(change.path("protected").asBoolean()).isTrue();
            assertThat(change.path("label").asText()).isEqualTo("Old embassy line");
            assertThat(change.path("changedBy").asText()).isEqualTo("alice");
            assertThat(Instant.parse(change.path("changedAt").asText())).isEqualTo(addedAt);
        }
    }

    /** The schema-checked data of the protection changes announced for {@code number}. */
    private static List<JsonNode> changesOf(BrokerProbe probe, String number) throws Exception {
        List<JsonNode> changes = new ArrayList<>();
        for (BrokerProbe.Received event : probe.messages()) {
            EventSchemas.assertValidEvent(event.body());
            JsonNode data = MAPPER.readTree(event.body()).path("data");
            if (data.path("number").asText().equals(number)) {
                changes.add(data);
            }
        }
        return changes;
    }

    @Test
    void onlyAnalystsMayChangeTheList() {
        given().contentType(ContentType.JSON).body(Map.of("label", "x")).put("/api/v1/protected-numbers/112").then()
                .statusCode(401);
        given().auth().oauth2(DevRealm.userToken("carol")).contentType(ContentType.JSON).body(Map.of("label", "x"))
                .put("/api/v1/protected-numbers/112").then().statusCode(403);
        given().auth().oauth2(DevRealm.operatorToken("proximus")).delete("/api/v1/protected-numbers/112").then()
                .statusCode(403);
        given().auth().oauth2("not-a-token").get("/api/v1/protected-numbers").then().statusCode(401);
    }
}
