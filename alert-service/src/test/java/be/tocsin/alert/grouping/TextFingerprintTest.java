package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Variants of one template share a band; different messages do not. Texts from the sample reports. */
class TextFingerprintTest {

    private static final String DHL_1 = "DHL: votre envoi est retenu. Payez 2,49 EUR de droits de douane : https://dhl-be-delivery.com/5yv47z";
    private static final String DHL_2 = "DHL: VOTRE ENVOI EST RETENU. PAYEZ 2 ,49 EUR DE DROITS DE DOUANE : HTTPS://DHL-PAKKET.NET/G57Z2X !";
    private static final String DHL_3 = "DHL: votre envoi est retenu. Payez 1,99 EUR de droits de douane : https://dhl-pakket.net/jncpp6 Merci.";
    private static final String PREMIUM_1 = "Votre ligne sera suspendue. Appelez immediatement le 0903 55 120";
    private static final String PREMIUM_2 = "Votre ligne sera suspendue. Appelez immédiatement le 0903 55 120";
    private static final String NOISE = "Someone asked if I wanted to change my electricity supplier (28m)";

    @Test
    void normalisationFoldsCaseAccentsLinksAndAmounts() {
        assertThat(TextFingerprint.normalise(DHL_1)).isEqualTo(TextFingerprint.normalise(DHL_2));
        assertThat(TextFingerprint.normalise(PREMIUM_1)).isEqualTo(TextFingerprint.normalise(PREMIUM_2));
        assertThat(TextFingerprint.normalise("Code 4XK9P2, ref 12.345,67 € sur bit.ly/abc"))
                .isEqualTo("code # ref # sur @");
    }

    @Test
    void variantsOfOneTemplateShareABand() {
        TextFingerprint first = TextFingerprint.of(DHL_1);
        assertThat(first.sharedBands(TextFingerprint.of(DHL_2))).hasSize(TextFingerprint.BANDS);
        assertThat(first.sharedBands(TextFingerprint.of(DHL_3))).isNotEmpty();
        assertThat(first.similarity(TextFingerprint.of(DHL_3))).isGreaterThan(0.6);
        assertThat(TextFingerprint.of(PREMIUM_1).sharedBands(TextFingerprint.of(PREMIUM_2))).isNotEmpty();
    }

    @Test
    void aKeptSignatureComparesAsTheOriginal() {
        TextFingerprint kept = TextFingerprint.fromBytes(TextFingerprint.of(DHL_1).toBytes());
        assertThat(kept.similarity(TextFingerprint.of(DHL_2))).isEqualTo(TextFingerprint.of(DHL_1).similarity(TextFingerprint.of(DHL_2)))
                .isGreaterThan(0.5);
        assertThat(kept.similarity(TextFingerprint.of(PREMIUM_1))).isLessThan(0.5);
    }

    @Test
    void differentMessagesShareNoBand() {
        TextFingerprint dhl = TextFingerprint.of(DHL_1);
        assertThat(dhl.sharedBands(TextFingerprint.of(PREMIUM_1))).isEmpty();
        assertThat(dhl.sharedBands(TextFingerprint.of(NOISE))).isEmpty();
        assertThat(dhl.similarity(TextFingerprint.of(NOISE))).isLessThan(0.2);
    }

    @Test
    void tooShortTextsHaveNoFingerprint() {
        assertThat(TextFingerprint.of("Single ring")).isNull();
        assertThat(TextFingerprint.of(null)).isNull();
    }
}
