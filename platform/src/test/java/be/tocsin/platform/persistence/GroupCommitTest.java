package be.tocsin.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The group commit alone, with a writer that records what it was given: no database needed. */
class GroupCommitTest {

    /** Each batch the writer committed, in order. */
    private final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aLoneItemIsWrittenAtOnceInABatchOfItsOwn() {
        try (GroupCommit<String, String> commit = new GroupCommit<>("test", 1, 10, this::commitUpperCase, batchSizes::add)) {
            assertThat(commit.submitAsync("a").join()).isEqualTo("A");
        }
        assertThat(committed).containsExactly(List.of("a"));
    }

    @Test
    void itemsArrivingWhileABatchIsWrittenShareTheNextCommit() throws Exception {
        HeldFirstBatch writer = new HeldFirstBatch(this::commitUpperCase);
        try (GroupCommit<String, String> commit = new GroupCommit<>("test", 1, 10, writer, batchSizes::add)) {
            CompletableFuture<String> first = writer.holdWith(commit, "first");
            List<CompletableFuture<String>> others = submitWhileHeld(commit, writer, "b", "c", "d", "e", "f");

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
            assertThat(others.stream().map(CompletableFuture::join)).containsExactlyInAnyOrder("B", "C", "D", "E", "F");
        }
        assertThat(committed).hasSize(2);
        assertThat(committed.get(1)).containsExactlyInAnyOrder("b", "c", "d", "e", "f");
        assertThat(batchSizes).containsExactly(1, 5);
    }

    @Test
    void aBatchIsNeverLargerThanItsSize() throws Exception {
        HeldFirstBatch writer = new HeldFirstBatch(this::commitUpperCase);
        try (GroupCommit<String, String> commit = new GroupCommit<>("test", 1, 3, writer, batchSizes::add)) {
            CompletableFuture<String> first = writer.holdWith(commit, "0");
            submitWhileHeld(commit, writer, "1", "2", "3", "4", "5", "6", "7").forEach(CompletableFuture::join);
            first.join();
        }
        assertThat(batchSizes).containsExactly(1, 3, 3, 1);
        assertThat(committed.stream().flatMap(List::stream)).containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void aFailingItemFailsOnlyItsOwnCallerAndTheOthersAreWrittenOnce() throws Exception {
        HeldFirstBatch writer = new HeldFirstBatch(items -> {
            if (items.contains("bad")) {
                throw new IllegalArgumentException("bad item");
            }
            return commitUpperCase(items);
        });
        try (GroupCommit<String, String> commit = new GroupCommit<>("test", 1, 10, writer, batchSizes::add)) {
            CompletableFuture<String> holder = writer.holdWith(commit, "holder");
            List<CompletableFuture<String>> batch = submitWhileHeld(commit, writer, "good1", "bad", "good2");

            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("HOLDER");
            assertThat(batch.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("GOOD1");
            assertThat(batch.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("GOOD2");
            assertThatThrownBy(batch.get(1)::join).hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasRootCauseMessage("bad item");
        }
        // The batch of three failed as a whole and wrote nothing; then each item was written alone.
        assertThat(batchSizes).containsExactly(1, 3);
        assertThat(committed).hasSize(3);
        assertThat(committed.stream().flatMap(List::stream)).containsExactlyInAnyOrder("holder", "good1", "good2");
    }

    @Test
    void aWriterThatAnswersForTheWrongNumberOfItemsFailsThemWithoutWritingAgain() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        HeldFirstBatch writer = new HeldFirstBatch(items -> {
            writes.incrementAndGet();
            return List.of("only one");
        });
        try (GroupCommit<String, String> commit = new GroupCommit<>("test", 1, 10, writer, batchSizes::add)) {
            CompletableFuture<String> holder = writer.holdWith(commit, "holder");
            List<CompletableFuture<String>> batch = submitWhileHeld(commit, writer, "x", "y");
            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("only one");
            for (CompletableFuture<String> item : batch) {
                assertThatThrownBy(item::join).hasRootCauseMessage("1 outcomes for 2 items");
            }
        }
        assertThat(writes).hasValue(2);
    }

    @Test
    void whenTheDatabaseIsAwayABatchFailsAtOnceInsteadOfItemByItem() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        RuntimeException outage = new IllegalStateException("commit failed",
                new java.sql.SQLException("Connection refused", "08001"));
        HeldFirstBatch writer = new HeldFirstBatch(items -> {
            if (writes.incrementAndGet() > 1) {
                throw outage;
            }
            return commitUpperCase(items);
        });
        try (GroupCommit<String, String> commit = new GroupCommit<>("test", 1, 10, writer, batchSizes::add)) {
            CompletableFuture<String> holder = writer.holdWith(commit, "holder");
            List<CompletableFuture<String>> batch = submitWhileHeld(commit, writer, "a", "b", "c");
            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("HOLDER");
            for (CompletableFuture<String> item : batch) {
                assertThatThrownBy(item::join).hasCause(outage);
            }
        }
        // One attempt for the holder, one for the batch of three: none of them alone.
        assertThat(writes).hasValue(2);
    }

    @Test
    void closingWritesWhatWasHandedInAndRefusesMore() {
        GroupCommit<String, String> commit = new GroupCommit<>("test", 2, 10, this::commitUpperCase, batchSizes::add);
        assertThat(commit.submitAsync("before").join()).isEqualTo("BEFORE");
        commit.close();
        assertThatThrownBy(() -> commit.submitAsync("after")).isInstanceOf(IllegalStateException.class);
        assertThat(committed.stream().flatMap(List::stream)).containsExactly("before");
    }

    private List<String> commitUpperCase(List<String> items) {
        committed.add(List.copyOf(items));
        return items.stream().map(String::toUpperCase).toList();
    }

    /** Submits {@code items} while {@code writer} holds its first batch, then lets it go on. */
    private List<CompletableFuture<String>> submitWhileHeld(GroupCommit<String, String> commit, HeldFirstBatch writer,
            String... items) {
        List<CompletableFuture<String>> submitted = new ArrayList<>();
        for (String item : items) {
            submitted.add(commit.submitAsync(item));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> commit.waiting() == items.length);
        writer.released.countDown();
        return submitted;
    }

    /** A writer whose first batch waits until released, so that the items submitted meanwhile pile up. */
    private final class HeldFirstBatch implements GroupCommit.Writer<String, String> {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        private final GroupCommit.Writer<String, String> then;

        HeldFirstBatch(GroupCommit.Writer<String, String> then) {
            this.then = then;
        }

        /** Submits the item the first batch holds, once the writer has taken it. */
        CompletableFuture<String> holdWith(GroupCommit<String, String> commit, String item) throws InterruptedException {
            CompletableFuture<String> held = commit.submitAsync(item);
            assertThat(started.await(10, TimeUnit.SECONDS)).as("the writer took the first item").isTrue();
            return held;
        }

        @Override
        public List<String> write(List<String> items) {
            if (started.getCount() > 0) {
                started.countDown();
                awaitRelease();
            }
            return then.write(items);
        }

        private void awaitRelease() {
            try {
                if (!released.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the writer");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
