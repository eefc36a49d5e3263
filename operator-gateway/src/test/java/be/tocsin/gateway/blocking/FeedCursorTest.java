package be.tocsin.gateway.blocking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import be.tocsin.gateway.OperatorClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The feed cursor under concurrent writes: four writers issue requests in transactions that stay
 * open for random times (so they would commit out of order), while a reader pages through the
 * feed with a small page size. The reader must see every request exactly once, in order.
 */
@QuarkusTest
class FeedCursorTest {

    private static final int WRITERS = 4;
    private static final int PER_WRITER = 40;

    @Inject
    BlockRequestStore store;

    @Test
    void aCursorNeverSkipsNorRepeatsWhileOthersWrite() throws Exception {
        OperatorClient telenet = new OperatorClient("telenet");
        String start = latestCursor(telenet);
        UUID campaign = UUID.randomUUID();
        List<BlockIndicator> indicators = List.of(
                new BlockIndicator(BlockIndicator.NUMBER, "+390611111111", BlockIndicator.INBOUND));

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writing = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writing.add(writers.submit(() -> {
                for (int i = 0; i < PER_WRITER; i++) {
                    QuarkusTransaction.requiringNew().run(() -> {
                        store.issue("telenet", BlockRequest.BLOCK, campaign, "cursor test", indicators);
                        sleep(ThreadLocalRandom.current().nextInt(0, 15));
                    });
                }
                return null;
            }));
        }

        List<Long> seen = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String cursor = start;
        int mine = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (mine < WRITERS * PER_WRITER && System.nanoTime() < deadline) {
            JsonPath page = telenet.page(cursor, 7);
            for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
                assertThat(ids.add((String) item.get("id"))).as("request %s seen twice", item.get("id")).isTrue();
                seen.add(((Number) item.get("sequence")).longValue());
                if (campaign.toString().equals(item.get("campaignId"))) {
                    mine++;
                }
            }
            cursor = page.getString("nextCursor");
        }
        for (Future<?> writer : writing) {
            writer.get();
        }
        writers.shutdown();

        assertThat(mine).as("requests of this test read through the cursor").isEqualTo(WRITERS * PER_WRITER);
        assertThat(seen).as("sequences in feed order, none missing").isSorted();
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)).as("after %d", seen.get(i - 1)).isEqualTo(seen.get(i - 1) + 1);
        }
        assertThat(seen.get(0)).isEqualTo(Long.parseLong(start) + 1);
    }

    @Test
    void aWaitingPullAnswersAsSoonAsARequestArrives() throws Exception {
        OperatorClient proximus = new OperatorClient("proximus");
        String cursor = latestCursor(proximus);

        long started = System.nanoTime();
        JsonPath empty = given().auth().oauth2(proximus.token()).queryParam("after", cursor).queryParam("wait", 1)
                .get("/api/v1/block-requests").then().statusCode(200).extract().jsonPath();
        assertThat(empty.getList("items")).isEmpty();
        assertThat(empty.getString("nextCursor")).isEqualTo(cursor);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));

        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> written = writer.submit(() -> {
            sleep(1_500);
            QuarkusTransaction.requiringNew().run(() -> store.issue("proximus", BlockRequest.BLOCK, UUID.randomUUID(),
                    "wait test", List.of(new BlockIndicator(BlockIndicator.NUMBER, "+390622222222", BlockIndicator.INBOUND))));
        });
        started = System.nanoTime();
        JsonPath arrived = given().auth().oauth2(proximus.token()).queryParam("after", cursor).queryParam("wait", 20)
                .get("/api/v1/block-requests").then().statusCode(200).extract().jsonPath();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        written.get();
        writer.shutdown();
        assertThat(arrived.getList("items")).hasSize(1);
        assertThat(waited).as("answered when the request arrived, not at the end of the wait")
                .isLessThan(Duration.ofSeconds(10));
    }

    /**
     * A request that commits after the pull read the feed but before it started waiting must wake
     * it: a wake-up sent into that gap used to be lost, and the pull slept until its next poll.
     */
    @Test
    void aRequestCommittedBetweenTheReadAndTheWaitIsNotMissed() throws Exception {
        long seen = store.commitsSoFar();
        QuarkusTransaction.requiringNew().run(() -> store.issue("orange", BlockRequest.BLOCK, UUID.randomUUID(),
                "gap test", List.of(new BlockIndicator(BlockIndicator.NUMBER, "+390633333333", BlockIndicator.INBOUND))));

        long started = System.nanoTime();
        store.awaitNewRequests(seen, 5_000);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("woken by the commit in the gap")
                .isLessThan(Duration.ofSeconds(1));

        // Nothing new: it waits its time, unless a request really committed meanwhile (this
        // instance's consumer may be applying a campaign event another module's tests left queued).
        long before = store.commitsSoFar();
        started = System.nanoTime();
        store.awaitNewRequests(before, 300);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited.compareTo(Duration.ofMillis(300)) >= 0 || store.commitsSoFar() != before)
                .as("returned after %s without a commit", waited).isTrue();
    }

    /** The cursor after everything already in the operator's feed. */
    private static String latestCursor(OperatorClient operator) {
        String cursor = "0";
        while (true) {
            JsonPath page = operator.page(cursor, 500);
            if (page.getList("items").isEmpty()) {
                return cursor;
            }
            cursor = page.getString("nextCursor");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
