package be.tocsin.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What every Tocsin service must offer operations, inherited by a {@code @QuarkusTest} in each one:
 * readiness over database, broker and OIDC provider, metrics with the outbox backlog, OpenAPI.
 */
public abstract class ServiceBasicsContract {

    @Test
    void readinessCoversTheDatabaseTheBrokerAndTheOidcProvider() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name.startsWith('Database') }.status", is("UP"))
                .body("checks.find { it.name == 'RabbitMQ' }.status", is("UP"))
                .body("checks.find { it.name == 'OIDC provider' }.status", is("UP"));
    }

    @Test
    void metricsShowTheOutboxBacklog() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("tocsin_outbox_backlog"))
                .body(containsString("tocsin_outbox_oldest_unsent_age_seconds"));
    }

    @Test
    void theOpenApiDocumentIsServed() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."));
    }

    /** A client reading the document learns that every refusal, secured operations' too, is a problem document. */
    @Test
    void everyOperationDocumentsItsRefusalsAsProblems() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().jsonPath().getMap("paths");
        List<String> silent = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> fields && fields.get("responses") instanceof Map<?, ?> responses
                    && responses.values().stream().noneMatch(ServiceBasicsContract::isProblem)) {
                silent.add(method.toUpperCase() + " " + path);
            }
        }));
        assertThat(silent, empty());
    }

    private static boolean isProblem(Object response) {
        return response instanceof Map<?, ?> fields && fields.get("content") instanceof Map<?, ?> content
                && content.containsKey("application/problem+json");
    }
}
