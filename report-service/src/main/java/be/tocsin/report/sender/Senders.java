package be.tocsin.report.sender;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import be.tocsin.report.report.Channel;

/** Reads the {@code sender} of a report according to its channel. */
public final class Senders {

    // SMS sender ids: up to 11 letters, digits and a few signs, at least one letter (GSM 03.40).
    private static final Pattern ALPHANUMERIC_ID = Pattern.compile("(?=.*\\p{L})[\\p{L}\\p{N} .&_'-]{1,11}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@([^@\\s\\p{Cntrl}]{1,253})");

    private Senders() {
    }

    /** The normalised sender, or empty when the text is not a sender this channel can have. */
    public static Optional<Sender> parse(Channel channel, String text, String region) {
        String trimmed = text.strip();
        return switch (channel) {
            case CALL -> phone(trimmed, region);
            case SMS, MESSAGING_APP -> ALPHANUMERIC_ID.matcher(trimmed).matches()
                    ? Optional.of(Sender.text(Sender.Kind.ALPHANUMERIC, trimmed))
                    : phone(trimmed, region);
            case EMAIL -> email(trimmed);
            case WEBSITE -> WebAddresses.parseUrl(trimmed).map(url -> Sender.text(Sender.Kind.URL, url));
        };
    }

    /** Why {@link #parse} found nothing, for the field error. */
    public static String problem(Channel channel) {
        return switch (channel) {
            case CALL -> "is not a possible phone number";
            case SMS, MESSAGING_APP -> "is neither a possible phone number nor a sender name of up to 11 characters";
            case EMAIL -> "is not an e-mail address";
            case WEBSITE -> "is not a web address";
        };
    }

    private static Optional<Sender> phone(String text, String region) {
        return PhoneNumbers.parse(text, region).map(Sender::phone);
    }

    private static Optional<Sender> email(String text) {
        var email = EMAIL.matcher(text);
        if (email.matches() && WebAddresses.registrableDomain(email.group(1)).isPresent()) {
            return Optional.of(Sender.text(Sender.Kind.EMAIL, text.toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }
}
