package be.tocsin.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.ws.rs.core.NewCookie;

/**
 * Double-submit-cookie protection for server-rendered forms: the page sets a random token in an
 * HttpOnly, SameSite=Strict cookie and in a hidden field; a POST is accepted only when both match.
 * (The JSON APIs need none: they take no cookies.)
 */
public final class CsrfTokens {

    public static final String COOKIE = "tocsin-csrf";
    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_AGE_SECONDS = 2 * 60 * 60;

    private CsrfTokens() {
    }

    /** The visitor's current token if it looks like one of ours, else a new one. */
    public static String reuseOrCreate(String cookieValue) {
        if (cookieValue != null && cookieValue.matches("[A-Za-z0-9_-]{43}")) {
            return cookieValue;
        }
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    public static NewCookie cookie(String token) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true).maxAge(MAX_AGE_SECONDS)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** Whether the form's token matches the cookie's, compared in constant time. */
    public static boolean matches(String cookieValue, String formValue) {
        return cookieValue != null && formValue != null && MessageDigest.isEqual(
                cookieValue.getBytes(StandardCharsets.UTF_8), formValue.getBytes(StandardCharsets.UTF_8));
    }
}
