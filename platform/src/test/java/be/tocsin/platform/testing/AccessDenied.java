package be.tocsin.platform.testing;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.specification.ResponseSpecification;

/** What a refused API call answers: problem+json like every other error, a bearer challenge on 401. */
public final class AccessDenied {

    /** No token, or one that is forged, expired or not a token at all. */
    public static final ResponseSpecification UNAUTHENTICATED = new ResponseSpecBuilder()
            .expectStatusCode(401)
            .expectContentType("application/problem+json")
            .expectHeader("WWW-Authenticate", startsWith("Bearer"))
            .expectBody("status", is(401))
            .build();

    /** A valid token without the role. */
    public static final ResponseSpecification FORBIDDEN = new ResponseSpecBuilder()
            .expectStatusCode(403)
            .expectContentType("application/problem+json")
            .expectBody("status", is(403))
            .build();

    private AccessDenied() {
    }
}
