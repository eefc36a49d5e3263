package be.tocsin.report.lookup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.DevRealm;
import be.tocsin.report.Citizen;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Staff edit the protected list with real tokens from the dev realm; nobody else may. */
@QuarkusTest
class ProtectedNumbersTest {

    @Test
    void anAnalystProtectsANumberAndLookupsAnswerProtectedAtOnce() {
        String number = Citizen.randomItalianNumber();
        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        Citizen.anyone().lookup(number).body("verdict", equalTo("REPORTED"));

        given().auth().oauth2(DevRealm.userToken("alice")).contentType(ContentType.JSON)
                .body(Map.of("label", "Embassy switchboard")).put("/api/v1/protected-numbers/{n}", number).then()
                .statusCode(200).body("number", equalTo(number)).body("addedBy", equalTo("alice"));
        Citizen.anyone().lookup(number).body("verdict", equalTo("PROTECTED"));
        given().auth().oauth2(DevRealm.userToken("bob")).get("/api/v1/protected-numbers").then()
                .statusCode(200).body("number", hasItem("+3278170170"));

        given().auth().oauth2(DevRealm.userToken("alice")).delete("/api/v1/protected-numbers/{n}", number).then()
                .statusCode(204);
        Citizen.anyone().lookup(number).body("verdict", equalTo("REPORTED"));
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
