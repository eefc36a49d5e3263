package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import be.tocsin.platform.testing.ReportEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Many short templates written with the same everyday scam words: with thousands of them, some
 * pairs share a MinHash band by chance, and linking on the band alone would chain them into one
 * giant campaign. Each template's reports must end together, and apart from every other template.
 * The links are on a URL shortener, unique per message, so only the text can join them.
 */
@QuarkusTest
class TemplateSeparationTest {

    private static final int TEMPLATES = 150;
    private static final String[] WORDS = ("votre colis pakket attente wacht frais kosten payer betaal avant "
            + "voor livraison levering douane adresse adres confirmer bevestig compte rekening bloqué urgent "
            + "dringend rappeler bel service klantendienst banque bank sécurité veiligheid code gagné prix "
            + "cadeau remboursement terugbetaling impôts amende boete suspendu carte kaart").split(" ");

    @Inject
    EntityManager db;

    @Test
    void templatesSharingCommonWordsStayApart() throws Exception {
        Random random = new Random(20261128);
        Map<Integer, List<UUID>> reportsByTemplate = new HashMap<>();
        for (int variant = 0; variant < 2; variant++) {
            for (int template = 0; template < TEMPLATES; template++) {
                String message = template(template) + " " + (random.nextInt(90) + 10) + ",50 EUR ref "
                        + (100_000 + random.nextInt(900_000));
                String link = "https://bit.ly/" + UUID.randomUUID().toString().substring(0, 8);
                reportsByTemplate.computeIfAbsent(template, t -> new ArrayList<>())
                        .add(ReportEvents.smsWithLink(message + " " + link, link));
            }
        }
        List<UUID> all = reportsByTemplate.values().stream().flatMap(List::stream).toList();
        await().atMost(Duration.ofSeconds(90)).until(() -> count(all) == all.size());

        for (List<UUID> reports : reportsByTemplate.values()) {
            assertThat(campaignsOf(reports)).as("campaigns of one template's variants").hasSize(1);
        }
        assertThat(campaignsOf(all)).as("campaigns of %d templates", TEMPLATES).hasSize(TEMPLATES);
    }

    /** A fixed wording per template: 14 words drawn from the shared vocabulary. */
    private static String template(int template) {
        Random words = new Random(template);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            text.append(WORDS[words.nextInt(WORDS.length)]).append(' ');
        }
        return text.toString().strip();
    }

    private List<?> campaignsOf(List<UUID> reports) {
        return QuarkusTransaction.requiringNew().call(() -> db.createNativeQuery(
                "SELECT DISTINCT campaign_id FROM campaign_report WHERE report_id IN (?1)")
                .setParameter(1, reports).getResultList());
    }

    private long count(List<UUID> reports) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) db.createNativeQuery(
                "SELECT count(*) FROM campaign_report WHERE report_id IN (?1)").setParameter(1, reports)
                .getSingleResult()).longValue());
    }
}
