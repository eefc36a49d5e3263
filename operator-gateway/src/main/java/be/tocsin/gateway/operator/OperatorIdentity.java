package be.tocsin.gateway.operator;

import org.eclipse.microprofile.jwt.JsonWebToken;

import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

/**
 * Which operator is calling: the {@code operator_id} claim that Keycloak puts in the operator's
 * client-credentials token. The role alone is not enough: without the claim nothing is served.
 */
@RequestScoped
public class OperatorIdentity {

    private final JsonWebToken token;

    public OperatorIdentity(JsonWebToken token) {
        this.token = token;
    }

    public String operatorId() {
        Object claim = token.getClaim("operator_id");
        String id = claim == null ? null : claim.toString().replace("\"", "");
        if (id == null || id.isBlank()) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN, "no-operator",
                    "This token names no operator (claim operator_id)."));
        }
        return id;
    }
}
