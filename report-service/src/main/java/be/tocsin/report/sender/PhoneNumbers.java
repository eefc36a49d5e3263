package be.tocsin.report.sender;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;

/**
 * Reads phone numbers in every form people type them (E.164, 00 prefix, national with spaces, dots,
 * dashes or parentheses) through Google's libphonenumber. No hand-written number rules here.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final ShortNumberInfo SHORT_NUMBERS = ShortNumberInfo.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The region a request asks for ({@code be}, {@code BE}), or {@code fallback} when it names none;
     * empty when it names one libphonenumber does not know.
     */
    public static Optional<String> region(String requested, String fallback) {
        if (requested == null || requested.isBlank()) {
            return Optional.of(fallback);
        }
        String region = requested.strip().toUpperCase(java.util.Locale.ROOT);
        return knownRegion(region) ? Optional.of(region) : Optional.empty();
    }

    /** Whether libphonenumber knows {@code region} (an ISO 3166 alpha-2 code such as BE). */
    public static boolean knownRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region);
    }

    /**
     * A subscriber number, or empty when the text cannot be a phone number at all. A number that is
     * possible but not in a range libphonenumber knows is returned with {@code valid = false}.
     */
    public static Optional<PhoneNumber> parse(String text, String defaultRegion) {
        return parseRaw(text, defaultRegion)
                .filter(number -> UTIL.isPossibleNumber(number))
                .map(PhoneNumbers::describe);
    }

    /** Like {@link #parse}, and also short numbers valid in {@code defaultRegion} (112, 101, 1733, 116000). */
    public static Optional<PhoneNumber> parseIncludingShort(String text, String defaultRegion) {
        Optional<PhoneNumber> subscriber = parse(text, defaultRegion);
        if (subscriber.isPresent() && subscriber.get().valid()) {
            return subscriber;
        }
        Optional<PhoneNumber> shortNumber = parseRaw(text, defaultRegion)
                .filter(number -> SHORT_NUMBERS.isValidShortNumberForRegion(number, defaultRegion))
                .map(number -> new PhoneNumber(UTIL.getNationalSignificantNumber(number), defaultRegion,
                        "SHORT_CODE", true, false));
        return shortNumber.isPresent() ? shortNumber : subscriber;
    }

    private static Optional<Phonenumber.PhoneNumber> parseRaw(String text, String defaultRegion) {
        if (text == null || text.isBlank() || text.length() > 40) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        // "00" is how people everywhere in Europe write the international prefix, whatever the region.
        if (trimmed.startsWith("00")) {
            trimmed = "+" + trimmed.substring(2);
        }
        try {
            return Optional.of(UTIL.parse(trimmed, defaultRegion));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static PhoneNumber describe(Phonenumber.PhoneNumber number) {
        PhoneNumberType type = UTIL.getNumberType(number);
        String region = UTIL.getRegionCodeForNumber(number);
        // isValidNumber is exactly "the number's region knows a type for it" and would match the
        // region's patterns all over again: the type already says it.
        boolean valid = type != PhoneNumberType.UNKNOWN;
        return new PhoneNumber(UTIL.format(number, PhoneNumberFormat.E164),
                region == null || "ZZ".equals(region) ? null : region,
                type.name(), valid, type == PhoneNumberType.PREMIUM_RATE);
    }
}
