package be.tocsin.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The four languages Tocsin speaks (fr, nl, de, en), and how a page chooses one. */
public enum Language {
    fr, nl, de, en;

    private static final List<Locale> SUPPORTED = Arrays.stream(values()).map(Language::locale).toList();

    /** The language's own name, for the language switch. */
    public String label() {
        return switch (this) {
            case fr -> "Français";
            case nl -> "Nederlands";
            case de -> "Deutsch";
            case en -> "English";
        };
    }

    public Locale locale() {
        return Locale.forLanguageTag(name());
    }

    /** {@code fr}, {@code NL}…; empty for anything else. */
    public static Optional<Language> parse(String code) {
        return Arrays.stream(values()).filter(l -> l.name().equalsIgnoreCase(code == null ? "" : code.strip()))
                .findFirst();
    }

    /** An explicit choice ({@code ?lang=}) wins; else the Accept-Language header; else English. */
    public static Language choose(String explicit, String acceptLanguage) {
        return parse(explicit).orElseGet(() -> fromAcceptLanguage(acceptLanguage));
    }

    /** The best of the four for an Accept-Language header, else English. */
    public static Language fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return en;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return best == null ? en : valueOf(best.getLanguage());
        } catch (IllegalArgumentException e) {
            return en;
        }
    }
}
