package be.tocsin.report.report;

import java.time.Instant;
import java.util.List;

import be.tocsin.platform.web.Language;
import be.tocsin.report.sender.PhoneNumber;
import be.tocsin.report.sender.Sender;

/** A report that passed every check, with its sender and callback normalised. */
public record ValidReport(Channel channel, Sender sender, boolean senderWithheld, Instant occurredAt,
        String message, PhoneNumber callback, List<String> urls, Language language) {

    /** Phone numbers this report speaks of (sender and callback), as filed for lookups. */
    public List<String> numbers() {
        List<String> numbers = new java.util.ArrayList<>(2);
        if (sender != null && sender.kind() == Sender.Kind.PHONE) {
            numbers.add(sender.e164());
        }
        if (callback != null && !numbers.contains(callback.e164())) {
            numbers.add(callback.e164());
        }
        return numbers;
    }
}
