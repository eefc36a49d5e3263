package be.tocsin.report.sender;

/**
 * A phone number as libphonenumber understands it. {@code e164} is the key Tocsin files it under:
 * E.164 for ordinary numbers, the bare digits for short numbers such as 112 (which have no E.164 form).
 */
public record PhoneNumber(String e164, String region, String type, boolean valid, boolean premiumRate) {

    public boolean shortNumber() {
        return !e164.startsWith("+");
    }
}
