package be.tocsin.report.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.web.Language;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.EventSchemas;
import be.tocsin.report.Citizen;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ReportSubmissionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aCallReportIsAcceptedNormalisedAdvisedAndAnnounced() throws Exception {
        String sender = "0039 06 9012 3459";
        try (BrokerProbe probe = BrokerProbe.listen("report.received")) {
            var response = Citizen.anyone().report(Map.of("channel", "CALL", "sender", sender,
                    "callbackNumber", "0905 12 345", "occurredAt", Instant.now().minusSeconds(600).toString(),
                    "message", "Une sonnerie puis plus rien", "language", "fr"))
                    .statusCode(202)
                    .contentType(ContentType.JSON)
                    .header("Location", matchesPattern("/api/v1/reports/[0-9a-f-]{36}"))
                    .body("status", equalTo("RECEIVED"))
                    .body("receipt", notNullValue())
                    .body("sender.kind", equalTo("PHONE"))
                    .body("sender.e164", equalTo("+390690123459"))
                    .body("sender.region", equalTo("IT"))
                    .body("sender.type", equalTo("FIXED_LINE"))
                    .body("sender.premiumRate", equalTo(false))
                    .body("callback.e164", equalTo("+3290512345"))
                    .body("callback.type", equalTo("PREMIUM_RATE"))
                    .body("callback.premiumRate", equalTo(true))
                    .body("advice", hasItem(containsString("Ne rappelez jamais")))
                    .body("advice", hasItem(containsString("surtaxé")))
                    .body("advice", hasItem(containsString("Italie")))
                    .extract();
            String id = response.path("id");

            BrokerProbe.Received event = probe.await(1, Duration.ofSeconds(20)).stream()
                    .filter(m -> m.body().contains(id)).findFirst().orElseThrow();
            EventSchemas.assertValidEvent(event.body());
            JsonNode data = MAPPER.readTree(event.body()).path("data");
            assertThat(event.routingKey()).isEqualTo("report.received");
            assertThat(data.path("reportId").asText()).isEqualTo(id);
            assertThat(data.path("sender").path("e164").asText()).isEqualTo("+390690123459");
            assertThat(data.path("callback").path("premiumRate").asBoolean()).isTrue();
            assertThat(data.path("message").asText()).isEqualTo("Une sonnerie puis plus rien");
            assertThat(data.path("language").asText()).isEqualTo("fr");
        }
    }

    @Test
    void anSmsKeepsItsSenderIdAndTheWebAddressesOfItsText() {
        Citizen.anyone().report(Map.of("channel", "SMS", "sender", "bpost",
                "message", "bpost: votre colis est bloqué, payez 1,99 EUR sur bpost-colis.net/abc"))
                .statusCode(202)
                .body("sender.kind", equalTo("ALPHANUMERIC"))
                .body("sender.value", equalTo("bpost"))
                .body("urls", equalTo(List.of("https://bpost-colis.net/abc")))
                .body("advice", hasItem(containsString("Do not open the links")));
    }

    @Test
    void theAdviceLanguageFollowsAcceptLanguageWhenTheReportNamesNone() {
        Citizen.anyone().request().header("Accept-Language", "nl-BE,nl;q=0.9,en;q=0.5")
                .contentType(ContentType.JSON).body(Map.of("channel", "CALL", "sender", "+48 225 812 446"))
                .post("/api/v1/reports").then()
                .statusCode(202)
                .body("advice", hasItem(containsString("Bel dit nummer nooit terug")))
                .body("advice", hasItem(containsString("Polen")));
    }

    @Test
    void aWithheldNumberNeedsNoSender() {
        Citizen.anyone().report(Map.of("channel", "CALL", "senderWithheld", true, "message", "Numéro masqué, faux conseiller bancaire"))
                .statusCode(202)
                .body("status", equalTo("RECEIVED"))
                .body("$", not(org.hamcrest.Matchers.hasKey("sender")));
    }

    static Stream<Arguments> badRequests() {
        Map<String, Object> call = Citizen.call("+39 06 9012 3459");
        return Stream.of(
                Arguments.of("unknown channel", Citizen.with(call, "channel", "FAX"), "channel"),
                Arguments.of("missing channel", Map.of("sender", "+39 06 9012 3459"), "channel"),
                Arguments.of("impossible number", Citizen.with(call, "sender", "12"), "sender"),
                Arguments.of("words as a number", Citizen.with(call, "sender", "call me maybe"), "sender"),
                Arguments.of("no sender", Map.of("channel", "CALL"), "sender"),
                Arguments.of("sender id too long", Map.of("channel", "SMS", "sender", "bpost-colis-be"), "sender"),
                Arguments.of("not an e-mail", Map.of("channel", "EMAIL", "sender", "bank at example"), "sender"),
                Arguments.of("not a site", Map.of("channel", "WEBSITE", "sender", "not a site"), "sender"),
                Arguments.of("future", Citizen.with(call, "occurredAt", Instant.now().plusSeconds(3600).toString()), "occurredAt"),
                Arguments.of("too old", Citizen.with(call, "occurredAt", "2020-01-01T00:00:00Z"), "occurredAt"),
                Arguments.of("not a time", Citizen.with(call, "occurredAt", "yesterday"), "occurredAt"),
                Arguments.of("text too long", Citizen.with(call, "message", "x".repeat(2_001)), "message"),
                Arguments.of("NUL in text", Citizen.with(call, "message", "a\u0000b"), "message"),
                Arguments.of("bad callback", Citizen.with(call, "callbackNumber", "abc"), "callbackNumber"),
                Arguments.of("bad language", Citizen.with(call, "language", "xx"), "language"),
                Arguments.of("bad region", Citizen.with(call, "defaultRegion", "XX"), "defaultRegion"),
                Arguments.of("wrong type", Citizen.with(call, "senderWithheld", "maybe"), "senderWithheld"),
                Arguments.of("object as sender", Citizen.with(call, "sender", Map.of("number", "+3247")), "sender"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void invalidFieldsAnswer422WithTheFieldAndStoreNothing(String why, Map<String, Object> body, String field) {
        long before = storedReports();
        Citizen.anyone().report(body)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("errors.field", hasItem(field));
        assertThat(storedReports()).isEqualTo(before);
    }

    @Test
    void malformedJsonAnswers400() {
        long before = storedReports();
        for (String body : List.of("{\"channel\": \"CALL\", ", "[1, 2]", "null", "\"CALL\"", "{".repeat(5_000))) {
            Citizen.anyone().request().contentType(ContentType.JSON).body(body).post("/api/v1/reports").then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body(not(containsString("Exception")));
        }
        assertThat(storedReports()).isEqualTo(before);
    }

    @Test
    void aBodyOver16KiBAnswers413() {
        String big = "{\"channel\": \"CALL\", \"sender\": \"+390690123459\", \"message\": \"" + "x".repeat(17_000) + "\"}";
        Citizen.anyone().request().contentType(ContentType.JSON).body(big).post("/api/v1/reports").then()
                .statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void aWrongContentTypeAnswers415() {
        Citizen.anyone().request().contentType(ContentType.TEXT).body("channel=CALL").post("/api/v1/reports").then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndCreatesNothing() {
        Citizen citizen = Citizen.anyone();
        Map<String, Object> body = Citizen.call(Citizen.randomItalianNumber());
        String key = "retry-" + System.nanoTime();
        var first = citizen.request().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports").then().statusCode(202).extract();
        long afterFirst = storedReports();
        citizen.request().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports").then().statusCode(202)
                .body("id", equalTo(first.path("id")))
                .body("receipt", equalTo(first.path("receipt")));
        assertThat(storedReports()).isEqualTo(afterFirst);

        citizen.request().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Citizen.with(body, "message", "something else")).post("/api/v1/reports").then()
                .statusCode(422)
                .body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfter() {
        Citizen citizen = Citizen.anyone();
        int accepted = 0;
        io.restassured.response.Response last = null;
        for (int i = 0; i < 30; i++) {
            last = citizen.request().contentType(ContentType.JSON).body(Citizen.call(Citizen.randomItalianNumber()))
                    .post("/api/v1/reports");
            if (last.statusCode() != 202) {
                break;
            }
            accepted++;
        }
        // The burst (10), plus what the bucket refills (30/min) while the requests go out.
        assertThat(accepted).isBetween(10, 15);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
        // Another citizen is not affected.
        Citizen.anyone().report(Citizen.call(Citizen.randomItalianNumber())).statusCode(202);
    }

    @Test
    void theReporterFollowsTheReportWithTheReceiptOnly() {
        var created = Citizen.anyone().report(Citizen.call(Citizen.randomItalianNumber())).statusCode(202).extract();
        String id = created.path("id");
        String receipt = created.path("receipt");
        Citizen.anyone().request().header("X-Receipt", receipt).get("/api/v1/reports/{id}", id).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("RECEIVED"))
                .body("blockedBy", equalTo(0));
        Citizen.anyone().request().header("X-Receipt", receipt + "x").get("/api/v1/reports/{id}", id).then()
                .statusCode(404).contentType("application/problem+json");
        Citizen.anyone().request().get("/api/v1/reports/{id}", id).then().statusCode(404);
        Citizen.anyone().request().header("X-Receipt", receipt).get("/api/v1/reports/{id}", "../../etc/passwd").then()
                .statusCode(404);
    }

    @Test
    void theReceiptIsStoredOnlyAsAHash() {
        var created = Citizen.anyone().report(Citizen.call(Citizen.randomItalianNumber())).statusCode(202).extract();
        String receipt = created.path("receipt");
        byte[] stored = QuarkusTransaction.requiringNew().call(() -> Report.<Report>findById(
                java.util.UUID.fromString(created.path("id"))).receiptHash);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(receipt);
        assertThat(stored).isEqualTo(Receipts.hash(receipt));
    }

    static long storedReports() {
        return QuarkusTransaction.requiringNew().call(() -> Report.count());
    }
}
