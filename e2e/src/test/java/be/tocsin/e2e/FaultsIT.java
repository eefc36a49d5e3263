package be.tocsin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import be.tocsin.platform.testing.BrokerControl;
import io.restassured.http.ContentType;

/**
 * Nothing lost, nothing twice, when parts die: a burst of 2,000 reports through report-service
 * while RabbitMQ is stopped and restarted, while alert-service is killed with SIGKILL and
 * restarted, and a PostgreSQL restart. Every report answered 202 must end linked to a campaign
 * exactly once, counted on both sides. The figures go to target/reliability.md (and by hand to
 * docs/reliability.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final int BURST = 2_000;
    private static final Path FIGURES = Path.of("target", "reliability.md");
    private static ServiceProcess reports;
    private static ServiceProcess alerts;

    @BeforeAll
    static void startServices() throws Exception {
        reports = ServiceProcess.start("report-service", 9481, true);
        alerts = ServiceProcess.start("alert-service", 9482, true);
        Files.writeString(FIGURES, "| fault | sent | accepted (202) | other answers | arrived at alert-service | "
                + "linked back in report-service | duplicated | lost |\n|---|---:|---:|---|---:|---:|---:|---:|\n");
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (alerts != null) {
            alerts.close();
        }
        if (reports != null) {
            reports.close();
        }
    }

    @Test
    @Order(1)
    void aBrokerOutageInTheMiddleOfABurstLosesNothing() throws Exception {
        Burst burst = new Burst(reports);
        burst.send(BURST, 500, () -> quietly(BrokerControl::stop));
        BrokerControl.start();
        assertEveryAcceptedReportLinkedOnce("RabbitMQ stopped after 500 reports, restarted after the burst", burst);
    }

    @Test
    @Order(2)
    void killingAlertServiceMidStreamLosesNothing() throws Exception {
        Burst burst = new Burst(reports);
        burst.send(BURST, 600, () -> quietly(alerts::kill));
        alerts.restart();
        assertEveryAcceptedReportLinkedOnce("alert-service killed (SIGKILL) after 600 reports, restarted", burst);
    }

    @Test
    @Order(3)
    void aDatabaseRestartAnswers503AndRecoversByItself() throws Exception {
        Burst before = new Burst(reports);
        before.send(200, 1, () -> { });
        Database.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(reports.get("/q/health/ready").statusCode()).isEqualTo(503));
            given().baseUri(reports.baseUrl()).contentType(ContentType.JSON)
                    .body(Map.of("channel", "CALL", "sender", "+390612345678")).post("/api/v1/reports")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
        } finally {
            Database.start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(reports.get("/q/health/ready").statusCode()).isEqualTo(200);
            assertThat(alerts.get("/q/health/ready").statusCode()).isEqualTo(200);
        });
        // Once a second report-service reads what other instances changed: a round that meets the
        // outage is skipped in one line (whether one does depends on how long the pool waits for a
        // connection), never logged by the scheduler as an ERROR with a stack trace.
        assertThat(reports.logLines()).as("report-service's log")
                .noneMatch(line -> line.contains("Error occurred while executing task"));
        Burst after = new Burst(reports);
        after.send(200, 1, () -> { });
        assertEveryAcceptedReportLinkedOnce("PostgreSQL stopped (503 while away) and started: reports before", before);
        assertEveryAcceptedReportLinkedOnce("PostgreSQL stopped and started: reports after", after);
    }

    /** Both sides count the burst's accepted reports: grouped once each, linked back, none twice. */
    private static void assertEveryAcceptedReportLinkedOnce(String fault, Burst burst) throws Exception {
        UUID[] ids = burst.acceptedIds();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() ->
                arrived(ids) == ids.length && linkedBack(ids) == ids.length);
        long arrived = arrived(ids);
        long linkedBack = linkedBack(ids);
        long counted = E2eDatabase.number("alert-service", """
                SELECT coalesce(sum(report_count), 0) FROM campaign WHERE status <> 'MERGED'
                AND id IN (SELECT campaign_id FROM campaign_report WHERE report_id = ANY(?))""", (Object) ids);
        Map<Integer, ?> others = new java.util.TreeMap<>(burst.statuses);
        others.remove(202);
        Files.writeString(FIGURES, String.format("| %s | %d | %d | %s | %d | %d | %d | %d |%n", fault, burst.sent.get(),
                ids.length, others.isEmpty() ? "none" : others, arrived, linkedBack, counted - arrived,
                ids.length - arrived), StandardOpenOption.APPEND);
        assertThat(arrived).as("accepted reports grouped by alert-service").isEqualTo(ids.length);
        assertThat(linkedBack).as("accepted reports that report-service knows the campaign of").isEqualTo(ids.length);
        assertThat(counted).as("reports counted by their campaigns (a duplicate would count twice)").isEqualTo(arrived);
        assertThat(burst.statuses.keySet()).as("answers other than 202 (a 5xx would be a loss)").containsOnly(202);
    }

    private static long arrived(UUID[] ids) throws Exception {
        return E2eDatabase.number("alert-service", "SELECT count(*) FROM campaign_report WHERE report_id = ANY(?)",
                (Object) ids);
    }

    private static long linkedBack(UUID[] ids) throws Exception {
        return E2eDatabase.number("report-service",
                "SELECT count(*) FROM report WHERE id = ANY(?) AND campaign_id IS NOT NULL", (Object) ids);
    }

    private static void quietly(ThrowingAction action) {
        try {
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws Exception;
    }

    /** The machine's PostgreSQL cluster, stopped and started with Debian's pg_ctlcluster. */
    private static final class Database {

        static void stop() throws IOException, InterruptedException {
            run("stop");
        }

        static void start() throws IOException, InterruptedException {
            run("start");
        }

        private static void run(String action) throws IOException, InterruptedException {
            String cluster = new String(new ProcessBuilder("pg_lsclusters", "-h").start().getInputStream().readAllBytes())
                    .lines().filter(line -> line.contains(" 5432 ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster on port 5432"));
            String[] parts = cluster.trim().split("\\s+");
            Process process = new ProcessBuilder(List.of("pg_ctlcluster", "--skip-systemctl-redirect", parts[0], parts[1],
                    action)).redirectErrorStream(true).start();
            if (process.waitFor() != 0) {
                throw new IOException("pg_ctlcluster " + action + " failed: " + new String(process.getInputStream().readAllBytes()));
            }
        }
    }
}
