package be.tocsin.report.sender;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who contacted the citizen, normalised: a phone number ({@code kind = PHONE} with its E.164 form,
 * region, type and flags) or an alphanumeric SMS id, an e-mail address or a URL ({@code value}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sender(Kind kind, String value, String e164, String region, String type, Boolean valid,
        Boolean premiumRate) {

    public enum Kind {
        PHONE, ALPHANUMERIC, EMAIL, URL
    }

    public static Sender phone(PhoneNumber number) {
        return new Sender(Kind.PHONE, null, number.e164(), number.region(), number.type(), number.valid(),
                number.premiumRate());
    }

    public static Sender text(Kind kind, String value) {
        return new Sender(kind, value, null, null, null, null, null);
    }

    /** What the report is filed under: the E.164 number, or the normalised value. */
    public String key() {
        return kind == Kind.PHONE ? e164 : value;
    }
}
