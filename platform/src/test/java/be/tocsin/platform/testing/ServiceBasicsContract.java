package be.tocsin.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

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
}
