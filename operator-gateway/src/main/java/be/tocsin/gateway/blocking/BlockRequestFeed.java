package be.tocsin.gateway.blocking;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import be.tocsin.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An operator's requests in feed order, after a cursor. With a wait, an empty answer is held back
 * until something arrives: a commit in this instance wakes the call at once, one in another
 * instance is seen at the next poll ({@code tocsin.gateway.wait-poll}).
 */
@ApplicationScoped
public class BlockRequestFeed {

    /** One page; {@code nextCursor} is where the next pull starts (unchanged when nothing came). */
    public record Page(List<BlockRequest> items, String nextCursor) {
    }

    private final BlockRequestStore store;
    private final GatewayConfig config;

    public BlockRequestFeed(BlockRequestStore store, GatewayConfig config) {
        this.store = store;
        this.config = config;
    }

    public Page pull(String operatorId, long after, int limit, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long commitsSeen = store.commitsSoFar();
            List<BlockRequest> items = store.after(operatorId, after, limit);
            long remaining = deadline - System.nanoTime();
            if (!items.isEmpty() || remaining <= 0) {
                return new Page(items, Long.toString(items.isEmpty() ? after : items.get(items.size() - 1).sequence()));
            }
            store.awaitNewRequests(commitsSeen, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), config.waitPoll().toMillis()));
        }
    }
}
