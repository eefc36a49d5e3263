package be.tocsin.alert.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.alert.GroupedReports;
import be.tocsin.platform.testing.DevRealm;
import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** The console's doors: login, roles on pages and actions, the CSRF token, the page headers. */
@QuarkusTest
class ConsoleSecurityTest {

    @Inject
    GroupedReports grouped;

    @Test
    void strangersAreSentToLogInAndOthersNeedTheRightRole() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", containsString("/realms/tocsin/protocol/openid-connect/auth"))
                .header("Location", containsString("code_challenge"));
        given().auth().oauth2(DevRealm.userToken("carol")).get("/console").then().statusCode(403);
        given().auth().oauth2(DevRealm.operatorToken("orange")).get("/console/alerts").then().statusCode(403);
        given().auth().oauth2(DevRealm.userToken("alice")).get("/console").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void aFormWithoutThePageTokenChangesNothing() throws Exception {
        UUID campaign = grouped.awaitCampaignOf(ReportEvents.smsAskingToCall(ReportEvents.randomPremiumNumber()));
        String alice = DevRealm.userToken("alice");
        given().auth().oauth2(alice).formParam("title", "Forged").post("/console/campaigns/{id}/confirm", campaign)
                .then().statusCode(403);
        given().auth().oauth2(alice).cookie("tocsin-csrf", "a".repeat(43)).formParam("csrf", "b".repeat(43))
                .formParam("title", "Forged").post("/console/campaigns/{id}/confirm", campaign).then().statusCode(403);
        given().auth().oauth2(alice).get("/api/v1/campaigns/{id}", campaign).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CANDIDATE"));

        Response page = given().auth().oauth2(alice).get("/console/campaigns/{id}", campaign);
        String token = page.getCookie("tocsin-csrf");
        given().auth().oauth2(alice).cookie("tocsin-csrf", token).formParam("csrf", token).formParam("title", "Real one")
                .redirects().follow(false).post("/console/campaigns/{id}/confirm", campaign).then().statusCode(303);
        given().auth().oauth2(alice).get("/api/v1/campaigns/{id}", campaign).then()
                .body("status", org.hamcrest.Matchers.equalTo("CONFIRMED"));
        // An analyst who is not a publisher cannot publish from the console either.
        given().auth().oauth2(alice).cookie("tocsin-csrf", token).formParam("csrf", token)
                .post("/console/alerts/{id}/publish", UUID.randomUUID()).then().statusCode(403);
    }
}
