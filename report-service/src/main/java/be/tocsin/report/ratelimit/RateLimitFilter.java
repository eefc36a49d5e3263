package be.tocsin.report.ratelimit;

import java.util.Map;
import java.util.OptionalLong;

import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/** Answers 429 with Retry-After when a client exceeds the limit of a {@link RateLimited} endpoint. */
@Provider
@RateLimited("")
public class RateLimitFilter implements ContainerRequestFilter {

    private final RateLimiter limiter;

    @Context
    ResourceInfo resource;

    @Context
    HttpServerRequest request;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (!limiter.enabled()) {
            // Checked first: the request-scoped proxies and X-Forwarded-For below cost ~5 % of a lookup
            // that misses the cache (JFR, docs/benchmarks-journal.md), for nothing when limits are lifted.
            return;
        }
        RateLimited annotation = resource.getResourceMethod().getAnnotation(RateLimited.class);
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String client = limiter.client(peer, context.getHeaderString("X-Forwarded-For"));
        OptionalLong retryAfter = limiter.acquire(annotation.value(), client);
        if (retryAfter.isPresent()) {
            throw new ProblemException(Problem.of(429, "Too Many Requests", "rate-limited",
                    "Too many requests from your address; try again in " + retryAfter.getAsLong() + " s."),
                    Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.getAsLong()))));
        }
    }
}
