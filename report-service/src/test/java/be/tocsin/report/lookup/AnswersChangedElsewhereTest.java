package be.tocsin.report.lookup;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.persistence.Sql;
import be.tocsin.report.Citizen;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Another instance's change for every answer reaches this one's cached answers when the database
 * announces it (V7), not only when this instance next reads the count: here it reads it once an
 * hour, so only the announcement can drop the answers within the test. Played by writing what that
 * instance's transaction writes, straight to the database.
 */
@QuarkusTest
@TestProfile(AnswersChangedElsewhereTest.CountReadHourly.class)
class AnswersChangedElsewhereTest {

    public static class CountReadHourly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.reports.lookups.other-instances-every", "1h");
        }
    }

    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    @Inject
    Sql sql;

    @Test
    void aNumberProtectedElsewhereIsProtectedHereAtOnce() {
        String number = Citizen.randomItalianNumber();
        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        Citizen.anyone().lookup(number).statusCode(200).body("verdict", equalTo("REPORTED"));

        AnotherInstance.protectsNumber(sql, number);
        await().atMost(AT_ONCE).until(() -> "PROTECTED".equals(Citizen.anyone().lookup(number).extract().path("verdict")));
    }

    /**
     * A lookup leaves out of its statement the ranges this instance has not heard of: the answer of a
     * reported number inside a range confirmed elsewhere must still become a confirmed scam, once the
     * range is heard of, not when the cached answer expires.
     */
    @Test
    void aReportedNumberInsideARangeConfirmedElsewhereIsAConfirmedScamHereAtOnce() {
        String number = Citizen.randomItalianNumber();
        String range = number.substring(0, number.length() - 2);
        Citizen.anyone().report(Citizen.call(number)).statusCode(202);
        Citizen.anyone().lookup(number).statusCode(200).body("verdict", equalTo("REPORTED"));

        UUID campaign = UUID.randomUUID();
        AnotherInstance.confirmsRange(sql, campaign, range);
        await().atMost(AT_ONCE).untilAsserted(() -> Citizen.anyone().lookup(number).statusCode(200)
                .body("verdict", equalTo("CONFIRMED_SCAM"))
                .body("campaign.id", equalTo(campaign.toString())));
    }
}
