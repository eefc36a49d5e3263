package be.tocsin.alert.console;

import java.util.Map;

import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import be.tocsin.platform.web.CsrfTokens;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

/**
 * Who is using the console and the form token of their page: every console page shows the user and
 * carries the token; every form post must send it back (double-submit cookie, {@link CsrfTokens}).
 */
@RequestScoped
public class ConsoleUser {

    private final SecurityIdentity identity;

    public ConsoleUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return identity.getPrincipal().getName();
    }

    public boolean publisher() {
        return identity.hasRole("publisher");
    }

    /** Refuses a form post whose token does not match the page's cookie. */
    public void verify(String cookie, Map<String, ?> form) {
        Object sent = form.get(CsrfTokens.FIELD);
        String value = sent instanceof java.util.List<?> list && !list.isEmpty() ? String.valueOf(list.get(0))
                : sent == null ? null : String.valueOf(sent);
        if (!CsrfTokens.matches(cookie, value)) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN, "csrf",
                    "This form has expired or did not come from the console; reload the page and try again."));
        }
    }
}
