package be.tocsin.report.ratelimit;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-client limits ({@code tocsin.rate-limit.*}). The client is the remote address, or the address
 * in X-Forwarded-For when the request comes from one of {@code trusted-proxies}.
 */
@ConfigMapping(prefix = "tocsin.rate-limit")
public interface RateLimitConfig {

    /** Off for benchmarks and load tests, which must measure the platform, not the limiter. */
    @WithDefault("true")
    boolean enabled();

    /** Proxies whose X-Forwarded-For is believed: literal addresses or CIDR blocks, never host names. */
    @WithDefault("127.0.0.1,::1")
    List<String> trustedProxies();

    /** One entry per {@link RateLimited} name: {@code tocsin.rate-limit.limits.<name>.*}. */
    Map<String, Limit> limits();

    interface Limit {
        /** Sustained requests per minute. */
        int perMinute();

        /** Requests allowed at once above the sustained rate. */
        int burst();
    }
}
