package be.tocsin.alert.warning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.alert.GroupedReports;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.DevRealm;
import be.tocsin.platform.testing.EventSchemas;
import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * alice drafts, alice cannot publish her own draft, bob publishes; the public JSON, pages, Atom and
 * CAP show it (CAP valid against the OASIS 1.2 schema); an update references what it replaces and
 * a withdrawal becomes a CAP Cancel.
 */
@QuarkusTest
class AlertLifecycleTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    GroupedReports grouped;

    @Test
    void fourEyesPublishingAndEveryPublicOutput() throws Exception {
        String callback = ReportEvents.randomPremiumNumber();
        UUID campaign = grouped.awaitCampaignOf(ReportEvents.smsAskingToCall(callback));
        String alice = DevRealm.userToken("alice");
        String bob = DevRealm.userToken("bob");

        String id = given().auth().oauth2(alice).contentType(ContentType.JSON).body(draft(campaign, null, "<script>x</script> Fake parcel SMS"))
                .post("/api/v1/alerts").then().statusCode(201).body("status", equalTo("DRAFT"))
                .extract().path("id");
        given().auth().oauth2(alice).post("/api/v1/alerts/{id}/publish", id).then().statusCode(403);
        String bobsOwn = given().auth().oauth2(bob).contentType(ContentType.JSON).body(draft(campaign, null, "Bob's own"))
                .post("/api/v1/alerts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(bob).post("/api/v1/alerts/{id}/publish", bobsOwn).then().statusCode(403)
                .contentType("application/problem+json").body("type", containsString("four-eyes"));
        given().auth().oauth2(DevRealm.userToken("carol")).contentType(ContentType.JSON).body(draft(campaign, null, "x"))
                .post("/api/v1/alerts").then().statusCode(403);
        given().get("/alerts/{id}", id).then().statusCode(404);

        try (BrokerProbe published = BrokerProbe.listen("alert.published")) {
            given().auth().oauth2(bob).post("/api/v1/alerts/{id}/publish", id).then().statusCode(200)
                    .body("status", equalTo("PUBLISHED")).body("publishedBy", equalTo("bob"));
            String event = published.await(1, Duration.ofSeconds(15)).get(0).body();
            EventSchemas.assertValidEvent(event);
            JsonNode data = MAPPER.readTree(event).path("data");
            assertThat(data.path("alertId").asText()).isEqualTo(id);
            assertThat(data.path("campaignId").asText()).isEqualTo(campaign.toString());
            assertThat(data.path("msgType").asText()).isEqualTo("Alert");
            assertThat(data.path("url").asText()).endsWith("/alerts/" + id);
        }
        given().auth().oauth2(bob).post("/api/v1/alerts/{id}/publish", id).then().statusCode(409);

        // JSON in the asked language, with the campaign's callback number.
        List<Map<String, Object>> nl = given().queryParam("lang", "nl").get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.id == '" + id + "' }");
        assertThat(nl).hasSize(1);
        assertThat(nl.get(0)).containsEntry("language", "nl").containsEntry("severity", "Severe");
        assertThat((String) nl.get(0).get("headline")).startsWith("[nl]");
        assertThat(nl.get(0).get("indicators").toString()).contains(callback);

        // HTML: language from Accept-Language, what staff typed is escaped.
        given().header("Accept-Language", "de-BE,de;q=0.9").get("/alerts/{id}", id).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("lang=\"de\""))
                .body(containsString("&lt;script&gt;")).body(not(containsString("<script>x")))
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        given().get("/alerts?lang=fr").then().statusCode(200).body(containsString("/alerts/" + id + "?lang=fr"));

        // Atom, and a cheap re-poll.
        Response atom = given().get("/alerts/feed.atom?lang=en");
        atom.then().statusCode(200).contentType(containsString("application/atom+xml"))
                .body(containsString("urn:tocsin:alert:" + id));
        given().header("If-None-Match", atom.getHeader("ETag")).get("/alerts/feed.atom?lang=en").then().statusCode(304);
        given().header("If-Modified-Since", atom.getHeader("Last-Modified")).get("/alerts/feed.atom?lang=en").then()
                .statusCode(304);

        // CAP 1.2, valid against the OASIS schema, one <info> per language, offsets not "Z".
        String cap = given().get("/alerts/{id}.cap", id).then().statusCode(200)
                .contentType(containsString("application/cap+xml")).extract().asString();
        CapSchema.assertValid(cap);
        assertThat(CapSchema.values(cap, "msgType")).containsExactly("Alert");
        assertThat(CapSchema.values(cap, "language")).containsExactly("fr", "nl", "de", "en");
        assertThat(CapSchema.values(cap, "category")).containsOnly("Security");
        assertThat(CapSchema.values(cap, "sent").get(0)).endsWith("+00:00");

        // An update replaces it (CAP Update with references), then the update is withdrawn (Cancel).
        String update = given().auth().oauth2(alice).contentType(ContentType.JSON).body(draft(campaign, id, "Still going on"))
                .post("/api/v1/alerts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(bob).post("/api/v1/alerts/{id}/publish", update).then().statusCode(200);
        String updateCap = given().get("/alerts/{id}.cap", update).then().statusCode(200).extract().asString();
        CapSchema.assertValid(updateCap);
        assertThat(CapSchema.values(updateCap, "msgType")).containsExactly("Update");
        assertThat(CapSchema.values(updateCap, "references").get(0)).contains("urn:tocsin:alert:" + id);
        assertThat(given().get("/api/v1/alerts?lang=en").then().extract().jsonPath().getList("id", String.class))
                .contains(update).doesNotContain(id);

        given().auth().oauth2(alice).post("/api/v1/alerts/{id}/withdraw", update).then().statusCode(403);
        given().auth().oauth2(bob).post("/api/v1/alerts/{id}/withdraw", update).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        String cancel = given().get("/alerts/{id}.cap", update).then().statusCode(200).extract().asString();
        CapSchema.assertValid(cancel);
        assertThat(CapSchema.values(cancel, "msgType")).containsExactly("Cancel");
        assertThat(CapSchema.values(cancel, "references").get(0)).contains("urn:tocsin:alert:" + update);
        assertThat(given().get("/api/v1/alerts?lang=en").then().extract().jsonPath().getList("id", String.class))
                .doesNotContain(update);
        given().get("/alerts/{id}?lang=en", update).then().statusCode(200).body(containsString("withdrawn"));
    }

    @Test
    void anIncompleteDraftIsRefusedWithTheFieldsAtFault() {
        Map<String, Object> body = new LinkedHashMap<>(draft(null, null, "x"));
        Map<String, Object> texts = new LinkedHashMap<>((Map<String, Object>) body.get("texts"));
        texts.remove("nl");
        body.put("texts", texts);
        body.put("severity", "Apocalyptic");
        given().auth().oauth2(DevRealm.userToken("alice")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/alerts").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("severity", "texts.nl.headline"));
        given().auth().oauth2(DevRealm.userToken("alice")).contentType(ContentType.JSON).body(draft(UUID.randomUUID(), null, "x"))
                .post("/api/v1/alerts").then().statusCode(422).body("errors[0].field", equalTo("campaignId"));
    }

    private static Map<String, Object> draft(UUID campaign, String replaces, String headline) {
        Map<String, Object> texts = new LinkedHashMap<>();
        for (String language : List.of("fr", "nl", "de", "en")) {
            texts.put(language, Map.of("headline", "[" + language + "] " + headline,
                    "description", "[" + language + "] SMS asking to call a premium number about a parcel.",
                    "instruction", "[" + language + "] Do not call back; report the message."));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (campaign != null) {
            body.put("campaignId", campaign.toString());
        }
        if (replaces != null) {
            body.put("replaces", replaces);
        }
        body.put("severity", "Severe");
        body.put("texts", texts);
        return body;
    }
}
