package be.tocsin.platform.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.jboss.logging.Logger;

/**
 * Group commit: callers on many threads hand in one item each ({@link #submitAsync}) and get a future
 * of its outcome, so no caller's thread needs to wait; writer threads take whatever
 * has arrived meanwhile (up to a batch size) and write it in one transaction, so under load many
 * callers share one commit and one round trip per statement, while an idle system writes an item at
 * once — no caller ever waits for a batch to fill. When a batch fails, its items are written again
 * one by one, so a bad item fails only its own caller, as it would unbatched — except when the
 * database itself is unavailable: then no item is at fault, and one by one each would wait for its
 * own connection timeout in turn, so all of them fail at once. Reads gain the same way: many
 * lookups answered by one statement.
 *
 * @param <I> what a caller hands in
 * @param <O> what that caller gets back
 */
public final class GroupCommit<I, O> implements AutoCloseable {

    /**
     * Writes items in one transaction of its own; returns one outcome per item, in their order. It
     * throws only when nothing was committed: a throw means "written again one by one".
     */
    @FunctionalInterface
    public interface Writer<I, O> {
        List<O> write(List<I> items);
    }

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final BlockingQueue<Pending<I, O>> arrived = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Writer<I, O> writer;
    private final int batchSize;
    private final IntConsumer batchSizes;
    private volatile boolean open = true;

    /**
     * Starts {@code writers} threads named {@code name-N}; {@code batchSizes} hears the size of every
     * batch written (for a metric).
     */
    public GroupCommit(String name, int writers, int batchSize, Writer<I, O> writer, IntConsumer batchSizes) {
        if (writers < 1 || batchSize < 1) {
            throw new IllegalArgumentException("a group commit needs at least one writer and a batch of one");
        }
        this.writer = writer;
        this.batchSize = batchSize;
        this.batchSizes = batchSizes;
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(this::run, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Hands {@code item} in without waiting: the future completes on a writer thread once its batch is
     * committed, or fails with what the writer threw for it. Refused at once once closed.
     */
    public CompletableFuture<O> submitAsync(I item) {
        if (!open) {
            throw new IllegalStateException("group commit is closed");
        }
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        arrived.add(pending);
        return pending.outcome();
    }

    /** Items handed in and not yet taken by a writer (for a gauge). */
    public int waiting() {
        return arrived.size();
    }

    /** Writes what was handed in already, then stops the writers; later submissions are refused. */
    @Override
    public void close() {
        open = false;
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Pending<I, O>> left = new ArrayList<>();
        arrived.drainTo(left);
        left.forEach(pending -> pending.outcome().completeExceptionally(
                new IllegalStateException("group commit closed before this item was written")));
    }

    private void run() {
        List<Pending<I, O>> batch = new ArrayList<>(batchSize);
        while (open || !arrived.isEmpty()) {
            try {
                Pending<I, O> first = arrived.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            arrived.drainTo(batch, batchSize - 1);
            batchSizes.accept(batch.size());
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending<I, O>> batch) {
        if (batch.size() > 1) {
            List<O> outcomes;
            try {
                outcomes = writer.write(batch.stream().map(Pending::item).toList());
            } catch (RuntimeException | Error e) {
                if (DatabaseUnavailable.in(e)) {
                    batch.forEach(pending -> pending.outcome().completeExceptionally(e));
                    return;
                }
                LOG.debugf(e, "A batch of %d failed; writing its items one by one", batch.size());
                outcomes = null;
            }
            if (outcomes != null) {
                complete(batch, outcomes);
                return;
            }
        }
        for (Pending<I, O> pending : batch) {
            try {
                complete(List.of(pending), writer.write(List.of(pending.item())));
            } catch (RuntimeException | Error e) {
                pending.outcome().completeExceptionally(e);
            }
        }
    }

    /** Hands each caller its outcome; a writer that answered for the wrong number of items fails them all. */
    private static <I, O> void complete(List<Pending<I, O>> batch, List<O> outcomes) {
        if (outcomes.size() != batch.size()) {
            IllegalStateException wrong = new IllegalStateException(outcomes.size() + " outcomes for " + batch.size() + " items");
            batch.forEach(pending -> pending.outcome().completeExceptionally(wrong));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome().complete(outcomes.get(i));
        }
    }

    private record Pending<I, O>(I item, CompletableFuture<O> outcome) {
    }
}
