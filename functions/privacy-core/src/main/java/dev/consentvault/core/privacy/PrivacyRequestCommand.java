package dev.consentvault.core.privacy;

/**
 * A validated {@code POST /v1/privacy-requests}: a deletion or a complaint. Absent fields are null.
 * {@code toString} leaves the message and the contact out: they are personal data.
 */
public record PrivacyRequestCommand(
        RequestType type, String receiptId, String message, String contact, String jurisdiction) {

    @Override
    public String toString() {
        return "PrivacyRequestCommand[type="
                + type
                + ", receiptId="
                + receiptId
                + ", jurisdiction="
                + jurisdiction
                + "]";
    }
}
