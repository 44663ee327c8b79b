package dev.consentvault.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.json.Json;
import java.io.IOException;

/**
 * What a person wrote when filing, sealed to the request record: the contact to answer (may be
 * null: for a deletion, the identifier they proved control of), the message (may be null) and the
 * locale to answer in (may be null).
 */
public record RequestDetails(String contact, String message, String locale) {

    // the artifact's one mapper: building another costs init time for nothing

    /** Opens the sealed details of request {@code requestId} in {@code requestsTable}. */
    public static RequestDetails open(
            Envelope envelope, String requestsTable, String requestId, byte[] sealed) {
        JsonNode details;
        try {
            details =
                    Json.read(
                            envelope.open(
                                    sealed, PrivacyRequestTable.binding(requestsTable, requestId)));
        } catch (IOException e) {
            throw new IllegalStateException("request details are not JSON");
        }
        return new RequestDetails(
                text(details, "contact"), text(details, "message"), text(details, "locale"));
    }

    /** Where to answer, or null when no contact was given. */
    public Contact answerTo() {
        return contact == null ? null : new Contact(contact, locale);
    }

    @Override
    public String toString() {
        return "RequestDetails[contact="
                + (contact != null)
                + ", message="
                + (message != null)
                + "]";
    }

    private static String text(JsonNode details, String field) {
        JsonNode value = details.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
