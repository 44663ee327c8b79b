package dev.consentvault.core.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the ledger names receipts and subjects without holding what a person could be found by: a
 * receipt id and a subject key are hashed (SHA-256, domain-separated), so the ledger alone names
 * nobody, and whoever holds the id can still find its history ({@code audit show --receipt}).
 */
public final class Refs {

    private Refs() {}

    public static String receiptRef(String receiptId) {
        return sha256("receipt\u0000" + receiptId);
    }

    /** The subject key (itself an HMAC of the identifier) hashed again. */
    public static String subjectRef(String subjectKey) {
        return subjectKey == null ? null : sha256("subject\u0000" + subjectKey);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
