package be.tocsin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.DevRealm;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every protected endpoint of the three services × every kind of caller → the expected status,
 * refusals (401, 403) as problem+json.
 * "Allowed" callers get the endpoint's own answer (200, or 404/422 for the made-up ids and empty
 * bodies used here); the others 401 (no valid token) or 403 (a valid token without the role).
 */
class AuthorizationMatrixIT extends WholePlatformIT {

    private static final Path FIGURES = Path.of("target", "authorization-matrix.md");

    /** One protected endpoint: who may call it, and what an allowed call answers here. */
    private record Endpoint(String name, ServiceProcess service, List<String> allowed, int allowedStatus,
            Function<RequestSpecification, Response> call) {
    }

    @Test
    void everyCellOfTheMatrixIsAsExpected() throws Exception {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("carol (no role)", DevRealm.userToken("carol"));
        callers.put("alice (analyst)", DevRealm.userToken("alice"));
        callers.put("bob (analyst, publisher)", DevRealm.userToken("bob"));
        for (String operator : List.of("proximus", "orange", "telenet")) {
            callers.put("operator " + operator, DevRealm.operatorToken(operator));
        }
        callers.put("expired token (alice)", DevRealm.expiredUserToken("alice"));
        callers.put("token of another realm", DevRealm.otherRealmToken());
        callers.put("tampered signature (bob)", DevRealm.tampered(DevRealm.userToken("bob")));

        List<String> analysts = List.of("alice (analyst)", "bob (analyst, publisher)");
        List<String> publishers = List.of("bob (analyst, publisher)");
        List<String> operators = List.of("operator proximus", "operator orange", "operator telenet");
        String id = UUID.randomUUID().toString();
        List<Endpoint> endpoints = List.of(
                new Endpoint("report GET /api/v1/protected-numbers", reports, analysts, 200, s -> s.get("/api/v1/protected-numbers")),
                new Endpoint("report PUT /api/v1/protected-numbers/{n}", reports, analysts, 422,
                        s -> s.contentType("application/json").body("{}").put("/api/v1/protected-numbers/not-a-number")),
                new Endpoint("report DELETE /api/v1/protected-numbers/{n}", reports, analysts, 404,
                        s -> s.delete("/api/v1/protected-numbers/+390699999999")),
                new Endpoint("alert GET /api/v1/campaigns", alerts, analysts, 200, s -> s.get("/api/v1/campaigns")),
                new Endpoint("alert GET /api/v1/campaigns/{id}", alerts, analysts, 404, s -> s.get("/api/v1/campaigns/" + id)),
                new Endpoint("alert POST /api/v1/campaigns/{id}/confirm", alerts, analysts, 404,
                        s -> s.contentType("application/json").body("{\"title\":\"x\"}").post("/api/v1/campaigns/" + id + "/confirm")),
                new Endpoint("alert POST /api/v1/campaigns/{id}/lift", alerts, analysts, 404,
                        s -> s.contentType("application/json").body("{\"reason\":\"x\"}").post("/api/v1/campaigns/" + id + "/lift")),
                new Endpoint("alert POST /api/v1/alerts", alerts, analysts, 422,
                        s -> s.contentType("application/json").body("{}").post("/api/v1/alerts")),
                new Endpoint("alert GET /api/v1/alerts/all", alerts, analysts, 200, s -> s.get("/api/v1/alerts/all")),
                new Endpoint("alert POST /api/v1/alerts/{id}/publish", alerts, publishers, 404, s -> s.post("/api/v1/alerts/" + id + "/publish")),
                new Endpoint("alert POST /api/v1/alerts/{id}/withdraw", alerts, publishers, 404, s -> s.post("/api/v1/alerts/" + id + "/withdraw")),
                new Endpoint("gateway GET /api/v1/block-requests", gateway, operators, 200, s -> s.get("/api/v1/block-requests")),
                new Endpoint("gateway POST /api/v1/block-requests/{id}/ack", gateway, operators, 404,
                        s -> s.contentType("application/json").body("{\"status\":\"APPLIED\"}").post("/api/v1/block-requests/" + id + "/ack")),
                new Endpoint("gateway POST /api/v1/signals", gateway, operators, 422,
                        s -> s.contentType("application/json").body("{}").post("/api/v1/signals")),
                new Endpoint("gateway GET /api/v1/operators", gateway, analysts, 200, s -> s.get("/api/v1/operators")),
                new Endpoint("gateway GET /api/v1/refusals", gateway, analysts, 200, s -> s.get("/api/v1/refusals")));

        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder("| endpoint | " + String.join(" | ", callers.keySet()) + " |\n|---|"
                + "---:|".repeat(callers.size()) + "\n");
        for (Endpoint endpoint : endpoints) {
            table.append("| ").append(endpoint.name());
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                int expected = caller.getValue() == null || caller.getKey().startsWith("expired")
                        || caller.getKey().startsWith("token of another") || caller.getKey().startsWith("tampered") ? 401
                        : endpoint.allowed().contains(caller.getKey()) ? endpoint.allowedStatus() : 403;
                RequestSpecification request = given().baseUri(endpoint.service().baseUrl());
                if (caller.getValue() != null) {
                    request = request.auth().oauth2(caller.getValue());
                }
                var response = endpoint.call().apply(request);
                int status = response.statusCode();
                // A refusal is an error like any other: problem+json, not an empty body.
                boolean problemIfRefused = status < 400 || response.contentType().startsWith("application/problem+json");
                String cell = status + (problemIfRefused ? "" : " without problem+json");
                table.append(" | ").append(status == expected && problemIfRefused ? cell
                        : "**" + cell + "** (expected " + expected + ")");
                if (status != expected || !problemIfRefused) {
                    wrong.add(endpoint.name() + " × " + caller.getKey() + ": " + cell + ", expected " + expected);
                }
            }
            table.append(" |\n");
        }
        table.append("\n").append(endpoints.size() * callers.size()).append(" cells, ").append(wrong.size()).append(" wrong.\n");
        Files.writeString(FIGURES, table);
        System.out.println(table);
        assertThat(wrong).as("cells of the authorization matrix").isEmpty();
        // Every refused token was refused by the service itself: none was sent to Keycloak to introspect.
        for (ServiceProcess service : List.of(reports, alerts, gateway)) {
            assertThat(service.logLines()).as(service.baseUrl() + "'s log").noneMatch(line -> line.contains("introspect"));
        }
    }
}
