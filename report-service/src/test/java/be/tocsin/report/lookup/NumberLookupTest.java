package be.tocsin.report.lookup;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.persistence.NotificationListener;
import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.testing.ContractEvents;
import be.tocsin.report.Citizen;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class NumberLookupTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    NumberLookup lookup;
    @Inject
    Sql sql;
    @Inject
    KnownNumbers known;

    @Test
    void aNumberNobodyReportedIsUnknown() {
        Citizen.anyone().lookup(Citizen.randomItalianNumber()).statusCode(200)
                .body("verdict", equalTo("UNKNOWN"))
                .body("region", equalTo("IT"))
                .body("reports.total", equalTo(0))
                .body("reports.last30Days", equalTo(0))
                .body("firstReportedAt", nullValue());
    }

    @Test
    void theAdviceForAForeignNumberNamesItsCountryInEachLanguageAskedFor() {
        String number = Citizen.randomItalianNumber(); // unknown: its advice is written for every answer
        answersNameItalyInEachLanguageAskedFor(number, "UNKNOWN");
    }

    /** A reported number's facts are cached once, whatever the language: each answer is still in its own. */
    @Test
    void aReportedNumberIsAnsweredInEachLanguageAskedFor() {
        String number = Citizen.randomItalianNumber();
        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        answersNameItalyInEachLanguageAskedFor(number, "REPORTED");
    }

    /** Asks about an Italian number in each language, some twice, and checks each answer's advice is in it. */
    private static void answersNameItalyInEachLanguageAskedFor(String number, String verdict) {
        Map<String, String> italyIn = Map.of("fr", "Italie", "nl", "Italië", "de", "Italien", "en", "Italy");
        for (String lang : List.of("fr", "nl", "fr", "de", "en", "nl")) {
            Citizen.anyone().request().queryParam("lang", lang).get("/api/v1/numbers/{number}", number).then()
                    .statusCode(200)
                    .body("verdict", equalTo(verdict))
                    .body("advice", hasItem(containsString("(" + italyIn.get(lang) + ")")));
        }
    }

    @Test
    void countsStayHiddenBelowThreeDistinctReports() {
        String number = Citizen.randomItalianNumber();
        String written = "0039 " + number.substring(3);
        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        Citizen.anyone().report(Citizen.call(written)).statusCode(202);
        Citizen.anyone().lookup(number).statusCode(200)
                .body("e164", equalTo(number))
                .body("verdict", equalTo("REPORTED"))
                .body("countsHidden", equalTo(true))
                .body("reports.total", nullValue())
                .body("firstReportedAt", nullValue());

        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        Citizen.anyone().lookup(written).statusCode(200)
                .body("verdict", equalTo("REPORTED"))
                .body("countsHidden", equalTo(false))
                .body("reports.total", equalTo(3))
                .body("reports.last30Days", equalTo(3))
                .body("advice", hasItem(containsString("Never call this number back")));
    }

    @Test
    void aRepeatedLookupGetsTheSameAnswerUntilTheNumberIsReported() {
        String number = Citizen.randomItalianNumber();
        for (int asked = 0; asked < 2; asked++) { // the second answer comes from the cache
            Citizen.anyone().lookup(number).statusCode(200)
                    .body("e164", equalTo(number))
                    .body("verdict", equalTo("UNKNOWN"))
                    .body("reports.total", equalTo(0));
        }
        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        for (int asked = 0; asked < 2; asked++) {
            Citizen.anyone().lookup(number).statusCode(200)
                    .body("verdict", equalTo("REPORTED"))
                    .body("countsHidden", equalTo(true));
        }
    }

    @Test
    void lookupsMissingTheCacheTogetherEachGetTheirOwnNumbersAnswer() throws Exception {
        List<String> reported = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String number = Citizen.randomItalianNumber();
            for (int report = 0; report <= i; report++) {
                Citizen.anyone().report(Citizen.call(number)).statusCode(202);
            }
            reported.add(number);
        }
        List<String> unknown = IntStream.range(0, 36).mapToObj(i -> Citizen.randomItalianNumber()).toList();
        List<String> asked = new ArrayList<>(reported);
        asked.addAll(unknown);
        asked.add("078 170 170");
        Collections.shuffle(asked);
        ExecutorService apps = Executors.newFixedThreadPool(asked.size());
        try {
            List<Future<?>> answers = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (String number : asked) {
                answers.add(apps.submit(() -> {
                    start.await();
                    var answer = Citizen.anyone().lookup(number).statusCode(200);
                    if (number.equals("078 170 170")) {
                        answer.body("verdict", equalTo("PROTECTED"));
                    } else if (unknown.contains(number)) {
                        answer.body("e164", equalTo(number)).body("verdict", equalTo("UNKNOWN"));
                    } else {
                        int reports = reported.indexOf(number) + 1;
                        answer.body("e164", equalTo(number)).body("verdict", equalTo("REPORTED"))
                                .body("countsHidden", equalTo(reports < 3))
                                .body("reports.total", reports < 3 ? nullValue() : equalTo(reports));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> answer : answers) {
                answer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            apps.shutdownNow();
        }
    }

    @Test
    void aReportCountsForItsSenderAndItsCallbackNumber() {
        String callback = Citizen.randomItalianNumber();
        List<String> senders = List.of(Citizen.randomItalianNumber(), Citizen.randomItalianNumber(),
                Citizen.randomItalianNumber());
        for (String sender : senders) {
            Citizen.anyone().report(Citizen.with(Citizen.call(sender), "callbackNumber", callback)).statusCode(202);
        }
        Citizen.anyone().lookup(callback).statusCode(200)
                .body("verdict", equalTo("REPORTED"))
                .body("reports.total", equalTo(3))
                .body("reports.last30Days", equalTo(3));
        Citizen.anyone().lookup(senders.get(0)).statusCode(200)
                .body("verdict", equalTo("REPORTED"))
                .body("countsHidden", equalTo(true));
    }

    @Test
    void protectedNumbersAlwaysAnswerProtected() {
        Citizen.anyone().report(Citizen.call("078 170 170")).statusCode(202);
        for (String number : List.of("112", "101", "078 170 170", "+32 78 17 01 70", "116 000")) {
            Citizen.anyone().lookup(number).statusCode(200)
                    .body("verdict", equalTo("PROTECTED"))
                    .body("reports.total", nullValue())
                    .body("advice[0]", containsString("spoofing"));
        }
    }

    /**
     * A citizen asking while a change is being committed is told what is committed, and that answer
     * must not outlive the change: the cache is dropped after the commit, not before.
     */
    @Test
    void anAnswerReadWhileTheProtectedListChangesIsDroppedOnceTheChangeCommits() {
        String number = Citizen.randomItalianNumber();
        Citizen.anyone().report(Citizen.call(number)).statusCode(202); // so its answer is read and cached
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("INSERT INTO protected_number (e164, label, added_by) VALUES (?, 'Embassy', 'alice')", number);
            lookup.forgetAll();
            Citizen.anyone().lookup(number).statusCode(200).body("verdict", equalTo("REPORTED"));
        });
        Citizen.anyone().lookup(number).statusCode(200).body("verdict", equalTo("PROTECTED"));
    }

    /**
     * Another instance of report-service protects a number: its own cache is dropped when it commits,
     * this one's only when the change is counted (announced at once, or read within a second); a
     * change written without the count is not heard of. Played by writing what that instance's
     * transaction writes, straight to the database.
     */
    @Test
    void aChangeAnotherInstanceMadeForEveryNumberReachesThisOnesCachedAnswers() {
        String number = Citizen.randomItalianNumber();
        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        Citizen.anyone().lookup(number).statusCode(200).body("verdict", equalTo("REPORTED"));

        QuarkusTransaction.requiringNew().run(() -> AnotherInstance.writesProtected(sql, number));
        // Not counted: the answer stays cached (this is what the count is for).
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() ->
                "REPORTED".equals(Citizen.anyone().lookup(number).extract().path("verdict")));

        QuarkusTransaction.requiringNew().run(() -> AnotherInstance.countsAChangeForAll(sql));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                "PROTECTED".equals(Citizen.anyone().lookup(number).extract().path("verdict")));
    }

    /**
     * Numbers nobody reported are answered from memory, without a statement (KnownNumbers); another
     * instance's first report of a number must still reach this one at once, not when a cache expires.
     * Played by writing what that instance's intake writes, straight to the database.
     */
    @Test
    void aNumberAnotherInstanceReportsIsReportedHereAtOnce() {
        String number = Citizen.randomItalianNumber();
        Citizen.anyone().lookup(number).statusCode(200).body("verdict", equalTo("UNKNOWN"));

        QuarkusTransaction.requiringNew().run(() -> sql.update("""
                INSERT INTO number_stats (e164, total_reports, first_reported_at, last_reported_at)
                VALUES (?, 1, now(), now())""", number));
        await().atMost(Duration.ofSeconds(2)).until(() ->
                "REPORTED".equals(Citizen.anyone().lookup(number).extract().path("verdict")));
    }

    @Test
    void aRangeAnotherInstanceConfirmedCoversItsNumbersHereAtOnce() {
        String range = "+3906" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String neverReported = range + "42";
        Citizen.anyone().lookup(neverReported).statusCode(200).body("verdict", equalTo("UNKNOWN"));

        AnotherInstance.confirmsRange(sql, UUID.randomUUID(), range);
        await().atMost(Duration.ofSeconds(2)).until(() ->
                "CONFIRMED_SCAM".equals(Citizen.anyone().lookup(neverReported).extract().path("verdict")));
    }

    /**
     * While its listening session is cut, this instance is not told of new numbers: once it notices,
     * it reads every lookup from the database until it has connected again and read the tables afresh.
     */
    @Test
    void numbersReportedWhileNotListeningAreKnownOnceListeningAgain() {
        String reportedMeanwhile = Citizen.randomItalianNumber();
        await().atMost(PATIENCE).until(() -> !known.mightFindAnything(Citizen.randomItalianNumber()));

        QuarkusTransaction.requiringNew().run(() -> {
            cutTheListeningSession();
            sql.update("""
                    INSERT INTO number_stats (e164, total_reports, first_reported_at, last_reported_at)
                    VALUES (?, 1, now(), now())""", reportedMeanwhile);
        });

        // Listening again (numbers nobody reported answered from memory once more), and it read the number.
        await().atMost(PATIENCE).until(() -> !known.mightFindAnything(Citizen.randomItalianNumber()));
        assertTrue(known.mightFindAnything(reportedMeanwhile));
        Citizen.anyone().lookup(reportedMeanwhile).statusCode(200).body("verdict", equalTo("REPORTED"));
    }

    /**
     * A change's announcement (V7) is missed while the listening session is cut, here in the very
     * transaction that counts the change: the count, read every second, still drops the answer.
     */
    @Test
    void aChangeCountedWhileNotListeningStillReachesThisOnesCachedAnswers() {
        String number = Citizen.randomItalianNumber();
        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        Citizen.anyone().lookup(number).statusCode(200).body("verdict", equalTo("REPORTED"));
        await().atMost(PATIENCE).until(() -> !known.mightFindAnything(Citizen.randomItalianNumber()));

        QuarkusTransaction.requiringNew().run(() -> {
            cutTheListeningSession();
            AnotherInstance.writesProtected(sql, number);
            AnotherInstance.countsAChangeForAll(sql);
        });
        await().atMost(Duration.ofSeconds(5)).until(() ->
                "PROTECTED".equals(Citizen.anyone().lookup(number).extract().path("verdict")));
    }

    /** Ends this instance's listening session (only this database's: another service may run alongside). */
    private void cutTheListeningSession() {
        int cut = sql.<Boolean>column("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?"
                + " AND datname = current_database()", NotificationListener.sessionName(KnownNumbers.CHANNEL)).size();
        assertEquals(1, cut, "one listening session");
    }

    @Test
    void aNumberInsideAConfirmedRangeIsAConfirmedScamUntilTheCampaignIsLifted() throws Exception {
        String block = "+3906" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String range = block.substring(0, block.length() - 2);
        String neverReported = range + "77";
        UUID campaign = UUID.randomUUID();
        ContractEvents.publish(EventTypes.CAMPAIGN_CONFIRMED, "/alert-service", Map.of("campaignId", campaign.toString(),
                "title", "Wangiri " + range, "indicators", List.of(Map.of("type", "NUMBER_RANGE", "value", range)),
                "confirmedBy", "alice", "confirmedAt", Instant.now().toString()));

        await().atMost(PATIENCE).untilAsserted(() -> Citizen.anyone().lookup(neverReported).statusCode(200)
                .body("verdict", equalTo("CONFIRMED_SCAM"))
                .body("campaign.id", equalTo(campaign.toString()))
                .body("campaign.title", equalTo("Wangiri " + range)));

        ContractEvents.publish(EventTypes.CAMPAIGN_LIFTED, "/alert-service",
                Map.of("campaignId", campaign.toString(), "reason", "range reassigned"));
        await().atMost(PATIENCE).untilAsserted(() -> Citizen.anyone().lookup(neverReported).statusCode(200)
                .body("verdict", equalTo("UNKNOWN")));
    }

    @Test
    void somethingThatIsNotANumberAnswers422() {
        Citizen.anyone().lookup("hello").statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("number"));
        Citizen.anyone().request().queryParam("region", "ZZ").get("/api/v1/numbers/{n}", "0470123456").then()
                .statusCode(422).body("errors.field", hasItem("region"));
    }
}
