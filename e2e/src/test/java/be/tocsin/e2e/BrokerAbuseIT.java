package be.tocsin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.ContractEvents;
import be.tocsin.platform.testing.ReportEvents;

/**
 * What a misbehaving or replaying producer can do, straight into the broker with the RabbitMQ
 * Java client, against the packaged alert-service: the same event twice has one effect, and a
 * poison message is dead-lettered after bounded tries while the good ones flow around it.
 */
class BrokerAbuseIT {

    private static ServiceProcess alerts;

    @BeforeAll
    static void start() throws Exception {
        alerts = ServiceProcess.start("alert-service", 9682, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (alerts != null) {
            alerts.close();
        }
    }

    @Test
    void theSameReportTwiceIsGroupedOnce() throws Exception {
        UUID report = UUID.randomUUID();
        Map<String, Object> data = report(report);
        UUID event = UUID.randomUUID();
        ContractEvents.publish(EventTypes.REPORT_RECEIVED, "/report-service", event, data);
        ContractEvents.publish(EventTypes.REPORT_RECEIVED, "/report-service", event, data);   // a redelivery
        ContractEvents.publish(EventTypes.REPORT_RECEIVED, "/report-service", data);          // a replay, new event id
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(report) == 1);
        Thread.sleep(2_000);
        assertThat(rows(report)).isEqualTo(1);
        assertThat(E2eDatabase.number("alert-service",
                "SELECT report_count FROM campaign WHERE id = (SELECT campaign_id FROM campaign_report WHERE report_id = ?)",
                report)).isEqualTo(1);
    }

    @Test
    void poisonGoesToTheDeadLetterQueueWhileTheFlowGoesOn() throws Exception {
        BrokerProbe.drain("alert-service.grouping.dlq");
        UUID poison = UUID.randomUUID();
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"" + poison + "\",\"source\":\"/report-service\","
                + "\"type\":\"be.tocsin.report.received.v1\",\"time\":\"" + Instant.now() + "\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"reportId\":\"not-a-uuid\",\"channel\":42}}";
        BrokerProbe.publishRaw("report.received", poison.toString(), envelope);
        List<UUID> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            good.add(ReportEvents.callFrom("+3906955" + (100_000 + i)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> E2eDatabase.number("alert-service",
                "SELECT count(*) FROM campaign_report WHERE report_id = ANY(?)", (Object) good.toArray(UUID[]::new)) == 20);
        List<BrokerProbe.Received> dead = await().atMost(Duration.ofSeconds(60)).until(
                () -> BrokerProbe.drain("alert-service.grouping.dlq"), messages -> !messages.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).properties().getMessageId()).isEqualTo(poison.toString());
    }

    private static long rows(UUID report) throws Exception {
        return E2eDatabase.number("alert-service", "SELECT count(*) FROM campaign_report WHERE report_id = ?", report);
    }

    private static Map<String, Object> report(UUID id) {
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("kind", "PHONE");
        sender.put("e164", "+390698" + (100_000 + (int) (id.getLeastSignificantBits() & 0xFFFF)));
        sender.put("region", "IT");
        sender.put("type", "FIXED_LINE");
        sender.put("valid", true);
        sender.put("premiumRate", false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reportId", id.toString());
        data.put("channel", "CALL");
        data.put("sender", sender);
        data.put("senderWithheld", false);
        data.put("callback", null);
        data.put("message", null);
        data.put("urls", List.of());
        data.put("occurredAt", Instant.now().toString());
        data.put("receivedAt", Instant.now().toString());
        data.put("language", "en");
        return data;
    }
}
