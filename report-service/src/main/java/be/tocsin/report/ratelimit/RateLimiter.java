package be.tocsin.report.ratelimit;

import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Token buckets per (limit, client), held in a bounded cache that forgets idle clients, so a flood of
 * new addresses cannot exhaust memory.
 */
@ApplicationScoped
public class RateLimiter {

    // Upkeep on the calling thread, as in NumberLookup: every rate-limited request reads a bucket,
    // and on the common pool its upkeep cost 0.15 context switches a request (docs/benchmarks-journal.md,
    // 2026-12-07 12:44).
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(10)).executor(Runnable::run).build();
    private final RateLimitConfig config;
    private final ClientAddress clients;

    public RateLimiter(RateLimitConfig config) {
        this.config = config;
        this.clients = new ClientAddress(config.trustedProxies());
    }

    /** False when limits are lifted by configuration (benchmarks, load tests). */
    public boolean enabled() {
        return config.enabled();
    }

    /** The client a request counts against (see {@link ClientAddress}). */
    public String client(String peer, String forwardedFor) {
        return clients.resolve(peer, forwardedFor);
    }

    /** Takes one token of limit {@code limitName}; empty when allowed, else the seconds to wait. */
    public OptionalLong acquire(String limitName, String client) {
        RateLimitConfig.Limit limit = config.limits().get(limitName);
        if (limit == null) {
            throw new IllegalStateException("No tocsin.rate-limit.limits." + limitName + " configured");
        }
        Bucket bucket = buckets.get(limitName + '|' + client, key -> new Bucket(limit.burst(), System.nanoTime()));
        return bucket.take(limit);
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized OptionalLong take(RateLimitConfig.Limit limit) {
            long now = System.nanoTime();
            double perNano = limit.perMinute() / 60e9;
            tokens = Math.min(limit.burst(), tokens + (now - updatedAt) * perNano);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of((long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }
}
