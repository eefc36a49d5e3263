package be.tocsin.report.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.report.Citizen;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Many citizens reporting at the same moment: their reports share intake transactions (group
 * commit), and each must still be stored, counted and announced exactly once, with its own answer.
 */
@QuarkusTest
class ReportsTogetherTest {

    private static final int CITIZENS = 30;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ExecutorService citizens = Executors.newFixedThreadPool(CITIZENS);

    @Inject
    MeterRegistry metrics;

    @AfterEach
    void stopCitizens() {
        citizens.shutdownNow();
    }

    @Test
    void reportsSentAtOnceAreEachStoredCountedAndAnnouncedOnce() throws Exception {
        String number = Citizen.randomItalianNumber();
        DistributionSummary batches = metrics.get("tocsin.reports.intake.batch").summary();
        long batchesBefore = batches.count();
        double reportsBefore = batches.totalAmount();
        long storedBefore = ReportSubmissionTest.storedReports();

        List<ExtractableResponse<Response>> answers;
        List<String> announced = new ArrayList<>();
        try (BrokerProbe probe = BrokerProbe.listen("report.received")) {
            answers = allAtOnce(() -> Citizen.anyone().report(Citizen.call(number)).statusCode(202).extract());
            for (BrokerProbe.Received event : probe.await(CITIZENS, Duration.ofSeconds(30))) {
                announced.add(MAPPER.readTree(event.body()).path("data").path("reportId").asText());
            }
        }

        List<String> ids = answers.stream().map(answer -> answer.<String>path("id")).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(CITIZENS);
        assertThat(answers.stream().map(answer -> answer.<String>path("receipt"))).doesNotHaveDuplicates();
        assertThat(announced).as("one report.received per report").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ReportSubmissionTest.storedReports()).isEqualTo(storedBefore + CITIZENS);
        Citizen.anyone().lookup(number).statusCode(200)
                .body("reports.total", org.hamcrest.Matchers.equalTo(CITIZENS))
                .body("reports.last30Days", org.hamcrest.Matchers.equalTo(CITIZENS));
        // Each report can be followed with its own receipt.
        for (ExtractableResponse<Response> answer : answers) {
            Citizen.anyone().request().header("X-Receipt", answer.<String>path("receipt"))
                    .get("/api/v1/reports/{id}", answer.<String>path("id")).then().statusCode(200);
        }
        assertThat(batches.totalAmount() - reportsBefore).isEqualTo(CITIZENS);
        assertThat(batches.count() - batchesBefore).as("reports arriving together share transactions")
                .isLessThan(CITIZENS);
    }

    @Test
    void retriesSentAtOnceWithOneKeyMakeOneReportAndAllGetItsAnswer() throws Exception {
        String key = "together-" + System.nanoTime();
        Map<String, Object> body = Citizen.call(Citizen.randomItalianNumber());
        Citizen citizen = Citizen.anyone();
        long storedBefore = ReportSubmissionTest.storedReports();

        List<ExtractableResponse<Response>> answers = allAtOnce(() -> Citizen.anyone().request()
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/api/v1/reports")
                .then().statusCode(202).extract());

        assertThat(answers.stream().map(answer -> answer.<String>path("id")).distinct()).hasSize(1);
        assertThat(answers.stream().map(answer -> answer.<String>path("receipt")).distinct()).hasSize(1);
        assertThat(ReportSubmissionTest.storedReports()).isEqualTo(storedBefore + 1);
        citizen.request().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Citizen.with(body, "message", "another report")).post("/api/v1/reports").then()
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("Idempotency-Key"));
        assertThat(ReportSubmissionTest.storedReports()).isEqualTo(storedBefore + 1);
    }

    /** {@link #CITIZENS} requests sent at the same moment; their answers. */
    private <T> List<T> allAtOnce(Supplier<T> request) {
        List<CompletableFuture<T>> sent = new ArrayList<>();
        for (int i = 0; i < CITIZENS; i++) {
            sent.add(CompletableFuture.supplyAsync(request, citizens));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }
}
