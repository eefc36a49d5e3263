package be.tocsin.alert.grouping;

/**
 * Something reports can share. {@code type} is one of contracts.md's indicator types; {@code linkKey}
 * is what joins reports into one campaign, or null when the indicator is only shown, never linked on
 * (an SMS sender id alone, a mass e-mail provider). A text band carries its message's fingerprint,
 * because a band only proposes a campaign that the fingerprint must then confirm.
 */
public record Indicator(String type, String value, String linkKey, TextFingerprint text) {

    public static final String NUMBER = "NUMBER";
    public static final String NUMBER_RANGE = "NUMBER_RANGE";
    public static final String CALLBACK_NUMBER = "CALLBACK_NUMBER";
    public static final String URL_DOMAIN = "URL_DOMAIN";
    public static final String SENDER_ID = "SENDER_ID";
    public static final String EMAIL_DOMAIN = "EMAIL_DOMAIN";
    public static final String TEXT_PATTERN = "TEXT_PATTERN";

    public static Indicator linking(String type, String value) {
        return new Indicator(type, value, type + ":" + value, null);
    }

    public static Indicator shown(String type, String value) {
        return new Indicator(type, value, null, null);
    }

    /** A text band's link key, not shown as an indicator of its own. */
    public static Indicator textBand(String linkKey, TextFingerprint text) {
        return new Indicator(null, null, linkKey, text);
    }

    public boolean isShown() {
        return type != null;
    }
}
