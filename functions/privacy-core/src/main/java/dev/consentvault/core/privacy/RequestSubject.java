package dev.consentvault.core.privacy;

/**
 * Whom a request concerns, as far as it may say while open: the receipt it names and the subject
 * keys (pseudonyms, never identifiers in clear); any may be null.
 */
public record RequestSubject(String receiptId, String emailKey, String phoneKey) {

    public static final RequestSubject NONE = new RequestSubject(null, null, null);
}
