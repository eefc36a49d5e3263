package be.tocsin.report.sender;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.common.net.InternetDomainName;

/**
 * Finds and normalises web addresses: full URLs, and the bare domains scam texts use
 * ({@code bpost-colis.net/abc}). A host counts only if it ends in a public suffix (Guava's copy of
 * the Public Suffix List), so "etc.etc" or "3.50" never pass for a site.
 */
public final class WebAddresses {

    // A candidate: an optional scheme, a dotted host, an optional path. Checked properly below.
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?i)(?<![@\\w.-])(https?://)?((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+\\p{L}{2,63})(:\\d{1,5})?(/[^\\s<>\"]*)?");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}'\"";
    private static final int MAX_URLS = 20;

    private WebAddresses() {
    }

    /** Every web address in a message, normalised to {@code https://host/path}, in order, at most 20. */
    public static List<String> extract(String text) {
        Set<String> urls = new LinkedHashSet<>();
        if (text == null) {
            return List.of();
        }
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find() && urls.size() < MAX_URLS) {
            normalise(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)).ifPresent(urls::add);
        }
        return List.copyOf(urls);
    }

    /** A single web address as a WEBSITE sender: with or without scheme. */
    public static Optional<String> parseUrl(String text) {
        if (text == null || text.isBlank() || text.length() > 2_000) {
            return Optional.empty();
        }
        Matcher matcher = CANDIDATE.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return normalise(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
    }

    /** The registrable domain of a host ({@code secure.bpost-colis.net} → {@code bpost-colis.net}). */
    public static Optional<String> registrableDomain(String host) {
        try {
            InternetDomainName domain = InternetDomainName.from(host);
            return domain.isUnderPublicSuffix() ? Optional.of(domain.topPrivateDomain().toString()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> normalise(String scheme, String host, String port, String path) {
        String cleanPath = path == null ? "" : stripTrailingPunctuation(path);
        String cleanHost = host.toLowerCase(Locale.ROOT);
        if (registrableDomain(cleanHost).isEmpty()) {
            return Optional.empty();
        }
        String protocol = scheme == null ? "https://" : scheme.toLowerCase(Locale.ROOT);
        try {
            URI uri = new URI(protocol + cleanHost + (port == null ? "" : port) + cleanPath);
            return Optional.of(uri.toString());
        } catch (URISyntaxException e) {
            return Optional.of(protocol + cleanHost + (port == null ? "" : port));
        }
    }

    private static String stripTrailingPunctuation(String path) {
        int end = path.length();
        while (end > 0 && TRAILING_PUNCTUATION.indexOf(path.charAt(end - 1)) >= 0) {
            end--;
        }
        return path.substring(0, end);
    }
}
