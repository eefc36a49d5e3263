package be.tocsin.report.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The reporter's secret to follow a report: 256 random bits, stored only as a SHA-256 hash. */
public final class Receipts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Receipts() {
    }

    public static String newReceipt() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static byte[] hash(String receipt) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(receipt.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Compares in constant time, so response times reveal nothing about the stored hash. */
    public static boolean matches(String receipt, byte[] storedHash) {
        return receipt != null && storedHash != null && MessageDigest.isEqual(hash(receipt), storedHash);
    }
}
