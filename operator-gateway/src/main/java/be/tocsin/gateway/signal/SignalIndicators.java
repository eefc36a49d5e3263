package be.tocsin.gateway.signal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.common.net.InternetDomainName;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * What an operator may signal, normalised as alert-service links it: numbers in E.164 (checked by
 * libphonenumber), ranges as E.164 prefixes, registrable domains (Public Suffix List) and SMS
 * sender ids. Anything else is refused, so a signal can never carry junk into grouping.
 */
final class SignalIndicators {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern RANGE = Pattern.compile("\\+[1-9][0-9]{3,13}");
    private static final Pattern SENDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,10}");

    private SignalIndicators() {
    }

    /** The normalised value, or empty when {@code value} is not a valid indicator of {@code type}. */
    static Optional<String> normalise(String type, String value) {
        if (type == null || value == null) {
            return Optional.empty();
        }
        return switch (type) {
            case "NUMBER", "CALLBACK_NUMBER" -> e164(value);
            case "NUMBER_RANGE" -> RANGE.matcher(value).matches() ? Optional.of(value) : Optional.empty();
            case "URL_DOMAIN" -> domain(value);
            case "SENDER_ID" -> SENDER_ID.matcher(value).matches() ? Optional.of(value) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<String> e164(String value) {
        if (!value.startsWith("+") || value.length() > 20) {
            return Optional.empty();
        }
        try {
            var number = PHONES.parse(value, "ZZ");
            return PHONES.isPossibleNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> domain(String value) {
        String host = value.toLowerCase(Locale.ROOT);
        if (host.length() > 253 || !InternetDomainName.isValid(host)) {
            return Optional.empty();
        }
        InternetDomainName name = InternetDomainName.from(host);
        return name.isUnderPublicSuffix() ? Optional.of(name.topPrivateDomain().toString()) : Optional.empty();
    }
}
