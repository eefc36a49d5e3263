package be.tocsin.report.report;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import be.tocsin.platform.web.Language;
import be.tocsin.platform.problem.Problem.FieldError;
import be.tocsin.platform.problem.ProblemException;
import be.tocsin.report.ReportConfig;
import be.tocsin.report.sender.PhoneNumber;
import be.tocsin.report.sender.PhoneNumbers;
import be.tocsin.report.sender.Sender;
import be.tocsin.report.sender.Senders;
import be.tocsin.report.sender.WebAddresses;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks every field of a submitted report and normalises it; all faults are reported at once. */
@ApplicationScoped
public class ReportValidator {

    static final int MAX_MESSAGE_LENGTH = 2_000;
    static final int MAX_SENDER_LENGTH = 2_000;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final ReportConfig config;

    public ReportValidator(ReportConfig config) {
        this.config = config;
    }

    public ValidReport validate(SubmitReport request, String acceptLanguage) {
        List<FieldError> errors = new ArrayList<>();
        Channel channel = channel(request.channel(), errors);
        String region = region(request.defaultRegion(), errors);
        boolean withheld = Boolean.TRUE.equals(request.senderWithheld());
        Sender sender = channel == null || region == null ? null : sender(request, channel, region, withheld, errors);
        PhoneNumber callback = region == null ? null : callback(request.callbackNumber(), region, errors);
        Instant occurredAt = occurredAt(request.occurredAt(), errors);
        String message = message(request.message(), errors);
        Language language = language(request.language(), acceptLanguage, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ValidReport(channel, sender, withheld, occurredAt, message, callback,
                WebAddresses.extract(message), language);
    }

    private static Channel channel(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("channel", "is required: CALL, SMS, EMAIL, WEBSITE or MESSAGING_APP"));
            return null;
        }
        try {
            return Channel.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("channel", "must be CALL, SMS, EMAIL, WEBSITE or MESSAGING_APP"));
            return null;
        }
    }

    private String region(String value, List<FieldError> errors) {
        Optional<String> region = PhoneNumbers.region(value, config.defaultRegion());
        if (region.isEmpty()) {
            errors.add(new FieldError("defaultRegion", "must be a two-letter country code such as BE"));
        }
        return region.orElse(null);
    }

    private static Sender sender(SubmitReport request, Channel channel, String region, boolean withheld,
            List<FieldError> errors) {
        String value = request.sender();
        if (value == null || value.isBlank()) {
            if (!withheld) {
                errors.add(new FieldError("sender", "is required unless senderWithheld is true"));
            }
            return null;
        }
        if (value.length() > MAX_SENDER_LENGTH || hasControlCharacters(value)) {
            errors.add(new FieldError("sender", Senders.problem(channel)));
            return null;
        }
        Optional<Sender> sender = Senders.parse(channel, value, region);
        if (sender.isEmpty()) {
            errors.add(new FieldError("sender", Senders.problem(channel)));
        }
        return sender.orElse(null);
    }

    private static PhoneNumber callback(String value, String region, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Optional<PhoneNumber> number = hasControlCharacters(value) ? Optional.empty() : PhoneNumbers.parse(value, region);
        if (number.isEmpty()) {
            errors.add(new FieldError("callbackNumber", "is not a possible phone number"));
        }
        return number.orElse(null);
    }

    private static Instant occurredAt(String value, List<FieldError> errors) {
        Instant now = Instant.now();
        if (value == null || value.isBlank()) {
            return now.truncatedTo(ChronoUnit.SECONDS);
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("occurredAt", "must be an ISO-8601 time such as 2026-11-27T14:03:00Z"));
            return null;
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(new FieldError("occurredAt", "is in the future"));
        } else if (at.isBefore(now.minus(Duration.ofDays(366)))) {
            errors.add(new FieldError("occurredAt", "is more than a year ago"));
        }
        return at;
    }

    private static String message(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_MESSAGE_LENGTH) {
            errors.add(new FieldError("message", "is longer than " + MAX_MESSAGE_LENGTH + " characters"));
        } else if (value.indexOf('\0') >= 0) {
            errors.add(new FieldError("message", "contains a NUL character"));
        }
        return value.strip();
    }

    private static Language language(String value, String acceptLanguage, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Language.fromAcceptLanguage(acceptLanguage);
        }
        Optional<Language> language = Language.parse(value);
        if (language.isEmpty()) {
            errors.add(new FieldError("language", "must be fr, nl, de or en"));
        }
        return language.orElse(Language.en);
    }

    private static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t');
    }
}
