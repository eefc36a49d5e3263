package be.tocsin.alert.grouping;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.common.net.InternetDomainName;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the indicators of one report, touching nothing but the report: numbers, callback numbers
 * (also those written in the text), registrable domains of its links (URL shorteners and mass
 * platforms by their full link), e-mail domains (mass providers only shown), the SMS sender id
 * together with the text, and the text's template bands when the text pushes a link or a number.
 */
@ApplicationScoped
public class IndicatorExtractor {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final GroupingConfig config;

    public IndicatorExtractor(GroupingConfig config) {
        this.config = config;
    }

    public List<Indicator> extract(ReportReceived report) {
        Set<Indicator> indicators = new LinkedHashSet<>();
        String senderNumber = null;
        ReportReceived.Party sender = report.sender();
        if (sender != null) {
            switch (sender.kind()) {
                case "PHONE" -> {
                    senderNumber = sender.e164();
                    indicators.add(Indicator.linking(Indicator.NUMBER, sender.e164()));
                }
                case "EMAIL" -> emailDomain(sender.value()).ifPresent(indicators::add);
                case "URL" -> web(sender.value()).ifPresent(indicators::add);
                case "ALPHANUMERIC" -> indicators.add(Indicator.shown(Indicator.SENDER_ID, sender.value()));
                default -> { }
            }
        }
        Set<String> callbacks = new LinkedHashSet<>();
        if (report.callback() != null) {
            callbacks.add(report.callback().e164());
        }
        callbacks.addAll(numbersIn(report.message()));
        callbacks.remove(senderNumber);
        callbacks.forEach(number -> indicators.add(Indicator.linking(Indicator.CALLBACK_NUMBER, number)));
        report.urls().forEach(url -> web(url).ifPresent(indicators::add));

        TextFingerprint text = TextFingerprint.of(report.message());
        if (text != null) {
            boolean pushesAction = !report.urls().isEmpty() || !callbacks.isEmpty();
            for (String band : text.bandKeys()) {
                if (sender != null && "ALPHANUMERIC".equals(sender.kind())) {
                    // A brand's id links only with its text: the real brand sends real messages too.
                    indicators.add(Indicator.textBand(
                            "SENDER_TEXT:" + sender.value().toLowerCase(Locale.ROOT) + "|" + band, text));
                }
                if (pushesAction) {
                    // Only templates that push a link or a number link on text alone: people also
                    // report the same legitimate sales call in the same words.
                    indicators.add(Indicator.textBand("TEXT:" + band, text));
                }
            }
        }
        return new ArrayList<>(indicators);
    }

    /** Phone numbers written in a text, as E.164 (Belgian national forms understood). */
    List<String> numbersIn(String text) {
        List<String> numbers = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return numbers;
        }
        for (PhoneNumberMatch match : PHONES.findNumbers(text, config.defaultRegion(),
                PhoneNumberUtil.Leniency.VALID, 100)) {
            numbers.add(PHONES.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.E164));
        }
        return numbers;
    }

    private Optional<Indicator> web(String url) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            if (host == null) {
                return Optional.empty();
            }
            InternetDomainName name = InternetDomainName.from(host);
            if (!name.isUnderPublicSuffix()) {
                return Optional.empty();
            }
            String domain = name.topPrivateDomain().toString();
            if (config.massPlatforms().contains(domain)) {
                // bit.ly or t.me link everybody: only the full link says something.
                String path = uri.getRawPath() == null ? "" : uri.getRawPath();
                return path.length() > 1 ? Optional.of(Indicator.linking(Indicator.URL_DOMAIN, host + path)) : Optional.empty();
            }
            return Optional.of(Indicator.linking(Indicator.URL_DOMAIN, domain));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<Indicator> emailDomain(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        return Optional.of(config.massPlatforms().contains(domain)
                ? Indicator.shown(Indicator.EMAIL_DOMAIN, domain)
                : Indicator.linking(Indicator.EMAIL_DOMAIN, domain));
    }
}
