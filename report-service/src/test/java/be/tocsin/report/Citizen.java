package be.tocsin.report;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A citizen calling report-service from an address of their own (X-Forwarded-For through the trusted
 * local proxy), so that one test's requests never count against another's rate limit.
 */
public final class Citizen {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private final String address;

    private Citizen(String address) {
        this.address = address;
    }

    public static Citizen anyone() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new Citizen("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255));
    }

    public RequestSpecification request() {
        return given().header("X-Forwarded-For", address);
    }

    public ValidatableResponse report(Map<String, ?> body) {
        return request().contentType(ContentType.JSON).body(body).post("/api/v1/reports").then();
    }

    public ValidatableResponse lookup(String number) {
        return request().get("/api/v1/numbers/{number}", number).then();
    }

    /** A valid report body to start from: a one-ring call from an Italian number. */
    public static Map<String, Object> call(String sender) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", "CALL");
        body.put("sender", sender);
        body.put("language", "en");
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    /** A random number in an Italian Rome block (+39 06 …), unique enough for one test. */
    public static String randomItalianNumber() {
        return "+39069" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }
}
