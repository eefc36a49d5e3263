package be.tocsin.alert.grouping;

import java.time.Duration;
import java.time.Instant;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The 1,000-number blocks found hot lately, so the count behind that finding — up to 1,000
 * number_block rows — is not repeated for every report of a busy block (on a store whose blocks
 * had filled, it was the costliest statement of grouping). Only a hot finding is kept, and only for
 * a minute of report time after it: a block turning hot still widens on its first report, and one
 * cooling down stays wide for at most a minute longer, in a window of days. Each instance keeps
 * its own: a miss only means counting again.
 */
@ApplicationScoped
class HotWideBlocks {

    private static final Duration KEPT = Duration.ofMinutes(1);

    private final Cache<String, Instant> foundHotAt = CacheBuilder.newBuilder()
            .maximumSize(100_000).expireAfterWrite(KEPT).build();

    /** Whether {@code wide} was found hot at most a minute of report time before {@code at}. */
    boolean recentlyHot(String wide, Instant at) {
        Instant found = foundHotAt.getIfPresent(wide);
        return found != null && !at.isBefore(found) && at.isBefore(found.plus(KEPT));
    }

    void foundHot(String wide, Instant at) {
        foundHotAt.put(wide, at);
    }
}
