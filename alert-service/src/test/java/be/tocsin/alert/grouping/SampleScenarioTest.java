package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.testing.BrokerProbe;
import be.tocsin.platform.testing.ContractEvents;
import be.tocsin.platform.testing.EventSchemas;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The labelled sample reports through the broker, scored pair by pair: two reports are a true pair
 * when they share a label and land in one campaign.
 */
@QuarkusTest
class SampleScenarioTest {

    @Inject
    EntityManager db;

    @Test
    void theSampleCampaignsAreFoundWithHighPrecisionAndRecall() throws Exception {
        List<SampleReports.Sample> samples = SampleReports.load();
        try (BrokerProbe linked = BrokerProbe.listen("report.linked")) {
            for (SampleReports.Sample sample : samples) {
                ContractEvents.publish(EventTypes.REPORT_RECEIVED, "/report-service", sample.event());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> campaigns(samples).size() == samples.size());
            linked.await(samples.size(), Duration.ofSeconds(20)).forEach(m -> EventSchemas.assertValidEvent(m.body()));
        }
        Map<String, UUID> campaignOf = campaigns(samples);

        long truePairs = 0;
        long predictedPairs = 0;
        long labelledPairs = 0;
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; i < samples.size() && j < samples.size(); j++) {
                boolean sameLabel = samples.get(i).label().equals(samples.get(j).label());
                boolean sameCampaign = campaignOf.get(id(samples.get(i))).equals(campaignOf.get(id(samples.get(j))));
                labelledPairs += sameLabel ? 1 : 0;
                predictedPairs += sameCampaign ? 1 : 0;
                truePairs += sameLabel && sameCampaign ? 1 : 0;
            }
        }
        double precision = truePairs / (double) predictedPairs;
        double recall = truePairs / (double) labelledPairs;
        System.out.printf("sample grouping: precision %.3f, recall %.3f (%d true pairs of %d predicted, %d labelled)%n",
                precision, recall, truePairs, predictedPairs, labelledPairs);
        assertThat(precision).isGreaterThanOrEqualTo(0.95);
        assertThat(recall).isGreaterThanOrEqualTo(0.90);

        assertThat(indicatorsOfLabel(samples, campaignOf, "P-wangiri-RO")).contains("NUMBER_RANGE +402131199");
        assertThat(indicatorsOfLabel(samples, campaignOf, "P-wangiri-PL")).contains("NUMBER_RANGE +482258124");
        assertThat(indicatorsOfLabel(samples, campaignOf, "P-premium-0903")).contains("CALLBACK_NUMBER +3290355120");
        assertThat(indicatorsOfLabel(samples, campaignOf, "P-parcel-dhl"))
                .contains("URL_DOMAIN dhl-pakket.net", "URL_DOMAIN dhl-be-delivery.com");
    }

    private List<String> indicatorsOfLabel(List<SampleReports.Sample> samples, Map<String, UUID> campaignOf, String label) {
        UUID campaign = samples.stream().filter(s -> s.label().equals(label)).map(s -> campaignOf.get(id(s)))
                .findFirst().orElseThrow();
        return QuarkusTransaction.requiringNew().call(() -> db.createNativeQuery(
                "SELECT type || ' ' || value FROM campaign_indicator WHERE campaign_id = ?1")
                .setParameter(1, campaign).getResultList().stream().map(Object::toString).toList());
    }

    private Map<String, UUID> campaigns(List<SampleReports.Sample> samples) {
        List<UUID> ids = samples.stream().map(s -> UUID.fromString(id(s))).toList();
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, UUID> campaigns = new HashMap<>();
            for (Object row : db.createNativeQuery(
                    "SELECT report_id, campaign_id FROM campaign_report WHERE report_id IN (?1)")
                    .setParameter(1, ids).getResultList()) {
                Object[] r = (Object[]) row;
                campaigns.put(r[0].toString(), (UUID) r[1]);
            }
            return campaigns;
        });
    }

    private static String id(SampleReports.Sample sample) {
        return (String) sample.event().get("reportId");
    }
}
