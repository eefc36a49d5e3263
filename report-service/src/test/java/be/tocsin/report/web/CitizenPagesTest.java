package be.tocsin.report.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.web.Language;
import be.tocsin.platform.web.CsrfTokens;
import io.quarkus.test.junit.QuarkusTest;

/** The form pages' guards: CSRF, escaping, security headers, language choice. */
@QuarkusTest
class CitizenPagesTest {

    @Test
    void aPostWithoutTheMatchingTokenIsRefusedAndStoresNothing() {
        given().formParam("channel", "CALL").formParam("sender", "0470 12 34 56").formParam("csrf", "forged")
                .post("/report").then().statusCode(403).body(containsString("expired"));
        given().cookie(CsrfTokens.COOKIE, "a".repeat(43)).formParam("channel", "CALL")
                .formParam("sender", "0470 12 34 56").formParam("csrf", "b".repeat(43))
                .post("/report").then().statusCode(403);
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndTheCsrfCookie() {
        given().get("/report").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("form-action 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .cookie(CsrfTokens.COOKIE);
    }

    @Test
    void whatIsTypedIsEscaped() {
        given().queryParam("number", "<img src=x onerror=alert(1)>").get("/check").then().statusCode(422)
                .body(not(containsString("<img src=x")))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;"));
    }

    @Test
    void theLanguageFollowsAcceptLanguageUnlessChosen() {
        given().header("Accept-Language", "de-BE,de;q=0.9").get("/").then().body(containsString("Betrug melden"));
        given().header("Accept-Language", "de-BE").queryParam("lang", "fr").get("/").then()
                .body(containsString("Signaler une arnaque"));
    }
}
