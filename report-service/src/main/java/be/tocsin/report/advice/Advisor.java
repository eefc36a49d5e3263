package be.tocsin.report.advice;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import be.tocsin.platform.web.Language;
import be.tocsin.report.ReportConfig;
import be.tocsin.report.lookup.Verdict;
import be.tocsin.report.report.Channel;
import be.tocsin.report.report.ValidReport;
import be.tocsin.report.sender.PhoneNumber;
import be.tocsin.report.sender.Sender;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;

/** Chooses the advice a citizen gets, in their language, from what the report or lookup shows. */
@ApplicationScoped
public class Advisor {

    private final String homeRegion;
    /**
     * Each language's bundle, found once. Every lookup is answered with advice: finding the bundle
     * through the container and naming the number's country on each answer took 9 % of the CPU of
     * a lookup for a number nobody reported (JFR, docs/benchmarks-journal.md).
     */
    private final Map<Language, AdviceMessages> bundles = new EnumMap<>(Language.class);
    /** The "registered abroad" sentence per language and region: a few hundred at most. */
    private final Map<Language, Map<String, String>> foreignNumberSentences = new EnumMap<>(Language.class);

    public Advisor(ReportConfig config) {
        this.homeRegion = config.defaultRegion();
        for (Language language : Language.values()) {
            bundles.put(language, MessageBundles.get(AdviceMessages.class, Localized.Literal.of(language.name())));
            foreignNumberSentences.put(language, new ConcurrentHashMap<>());
        }
    }

    /** Advice returned with a new report. {@code alertUrl} is a published warning covering it, if any. */
    public List<String> forReport(ValidReport report, String alertUrl) {
        AdviceMessages say = in(report.language());
        List<String> advice = new ArrayList<>();
        Sender sender = report.sender();
        boolean phoneSender = sender != null && sender.kind() == Sender.Kind.PHONE;
        if (alertUrl != null) {
            advice.add(say.publishedAlert(alertUrl));
        }
        if (phoneSender) {
            advice.add(say.neverCallBack());
            numberWarnings(say, sender.e164(), sender.region(), Boolean.TRUE.equals(sender.premiumRate()),
                    report.language(), advice);
        }
        if (report.callback() != null) {
            PhoneNumber callback = report.callback();
            advice.add(say.doNotContactCallback(callback.e164()));
            numberWarnings(say, callback.e164(), callback.region(), callback.premiumRate(), report.language(), advice);
        }
        if (!report.urls().isEmpty() || report.channel() == Channel.WEBSITE) {
            advice.add(say.doNotOpenLinks());
        }
        advice.add(say.bankNeverAsks());
        advice.add(say.cardStop());
        if (phoneSender) {
            advice.add(say.tellOperator());
        }
        advice.add(say.thanks());
        return List.copyOf(advice);
    }

    /** Advice returned with a number lookup. */
    public List<String> forNumber(PhoneNumber number, Verdict verdict, String alertUrl, Language language) {
        AdviceMessages say = in(language);
        List<String> advice = new ArrayList<>();
        if (verdict == Verdict.PROTECTED) {
            advice.add(say.protectedNumber());
            return advice;
        }
        if (alertUrl != null) {
            advice.add(say.publishedAlert(alertUrl));
        }
        if (verdict != Verdict.UNKNOWN) {
            advice.add(say.neverCallBack());
        }
        numberWarnings(say, number.e164(), number.region(), number.premiumRate(), language, advice);
        advice.add(say.bankNeverAsks());
        return advice;
    }

    private void numberWarnings(AdviceMessages say, String e164, String region, boolean premiumRate,
            Language language, List<String> advice) {
        if (premiumRate) {
            advice.add(say.premiumRate(e164));
        }
        if (region != null && !region.equals(homeRegion)) {
            advice.add(foreignNumberSentences.get(language).computeIfAbsent(region,
                    abroad -> say.foreignNumber(new Locale("", abroad).getDisplayCountry(language.locale()))));
        }
    }

    private AdviceMessages in(Language language) {
        return bundles.get(language);
    }
}
