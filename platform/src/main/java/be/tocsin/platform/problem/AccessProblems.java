package be.tocsin.platform.problem;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

/**
 * 401 and 403 answer problem+json like every other error. The challenge still comes from the
 * authentication mechanism that refused the request: a bearer API answers 401 with its
 * {@code WWW-Authenticate} header, now with a problem body; a console without a session is still
 * redirected to the login page, untouched.
 */
@ApplicationScoped
public class AccessProblems {

    private static final Problem UNAUTHENTICATED = Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated",
            "This needs a valid access token (Authorization: Bearer ...) from the Tocsin identity provider.");
    private static final Problem FORBIDDEN = Problem.of(Response.Status.FORBIDDEN, "forbidden",
            "Your account does not have the role this needs.");

    /** The 401 body the failure handler writes itself, outside Quarkus REST's serialisation. */
    private final String unauthenticatedJson;

    public AccessProblems(ObjectMapper mapper) throws JsonProcessingException {
        this.unauthenticatedJson = mapper.writeValueAsString(UNAUTHENTICATED);
    }

    /** No credentials where a role is needed; ahead of Quarkus' own mapper, which sends the bare challenge. */
    @ServerExceptionMapper(priority = Priorities.USER)
    public Uni<Response> unauthenticated(UnauthorizedException e, RoutingContext request) {
        return challenge(request).map(challenge -> {
            Response.ResponseBuilder response = challenge.status == 401
                    ? UNAUTHENTICATED.response() : Response.status(challenge.status);
            challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
            return response.build();
        });
    }

    @ServerExceptionMapper(priority = Priorities.USER)
    public Response forbidden(ForbiddenException e) {
        return FORBIDDEN.response().build();
    }

    /**
     * Credentials that are invalid or expired are refused before any resource runs (proactive
     * authentication), so no exception mapper sees them: this failure handler does.
     */
    void answerFailedAuthentication(@Observes Router router) {
        router.route().failureHandler(request -> {
            if (!(request.failure() instanceof AuthenticationFailedException) || request.response().ended()) {
                request.next();
                return;
            }
            challenge(request).subscribe().with(challenge -> {
                if (challenge.status != 401) {
                    request.next(); // a redirect to the login page: Quarkus sends it as it would
                    return;
                }
                challenge.getHeaders().forEach((name, value) -> request.response().putHeader(name, value));
                request.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(unauthenticatedJson);
            }, failure -> request.next());
        });
    }

    /** The challenge of the mechanism in charge of this request; a bare 401 when there is none. */
    private static Uni<ChallengeData> challenge(RoutingContext request) {
        HttpAuthenticator authenticator = request.get(HttpAuthenticator.class.getName());
        ChallengeData bare = new ChallengeData(401);
        if (authenticator == null) {
            return Uni.createFrom().item(bare);
        }
        return authenticator.getChallenge(request).onItem().ifNull().continueWith(bare)
                .onFailure().recoverWithItem(bare);
    }
}
