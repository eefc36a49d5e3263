package be.tocsin.report.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.report.Citizen;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class MessageRetentionTest {

    @Inject
    MessageRetention retention;

    @Test
    void oldMessagesArePurgedWhileTheReportAndItsStatisticsRemain() {
        String number = Citizen.randomItalianNumber();
        var created = Citizen.anyone().report(Citizen.with(Citizen.call(number), "message", "Secret scam script"))
                .statusCode(202).extract();
        UUID id = UUID.fromString(created.path("id"));

        assertThat(retention.purgeBatch(Instant.now().minusSeconds(3600))).as("nothing this young").isZero();
        retention.purgeBatch(Instant.now().plusSeconds(1));

        Report report = QuarkusTransaction.requiringNew().call(() -> Report.<Report>findById(id));
        assertThat(report.message).isNull();
        assertThat(report.messagePurged).isTrue();
        assertThat(report.senderValue).isEqualTo(number);
        Citizen.anyone().lookup(number).statusCode(200).body("verdict", equalTo("REPORTED"));
    }
}
