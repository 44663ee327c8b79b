package dev.consentvault.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.json.Json;
import java.io.IOException;

/**
 * The versioned message schemas on the queues. A deletion message names the subject only by receipt
 * id and subject keys (HMAC pseudonyms); a complaint message carries only its request id — the
 * complaint's contact and message stay sealed in the privacy-requests table.
 */
public final class QueueMessages {

    public static final String DELETION_SCHEMA = "consent-vault.deletion-request/1";
    public static final String COMPLAINT_SCHEMA = "consent-vault.complaint/1";

    // the artifact's one mapper: building another costs init time for nothing

    private QueueMessages() {}

    public record Deletion(String requestId, String receiptId, String emailKey, String phoneKey) {}

    public static String deletion(Deletion message) {
        ObjectNode json = Json.object();
        json.put("schema", DELETION_SCHEMA);
        json.put("requestId", message.requestId());
        ObjectNode subject = json.putObject("subject");
        if (message.receiptId() != null) {
            subject.put("receiptId", message.receiptId());
        }
        if (message.emailKey() != null) {
            subject.put("emailKey", message.emailKey());
        }
        if (message.phoneKey() != null) {
            subject.put("phoneKey", message.phoneKey());
        }
        return Json.text(json);
    }

    public static String complaint(String requestId) {
        return Json.object().put("schema", COMPLAINT_SCHEMA).put("requestId", requestId).toString();
    }

    /**
     * Parses a deletion message; throws {@link IllegalArgumentException} on anything else (a poison
     * message).
     */
    public static Deletion parseDeletion(String body) {
        JsonNode json = parse(body, DELETION_SCHEMA);
        JsonNode subject = json.path("subject");
        return new Deletion(
                json.get("requestId").asText(),
                text(subject, "receiptId"),
                text(subject, "emailKey"),
                text(subject, "phoneKey"));
    }

    public static String parseComplaint(String body) {
        return parse(body, COMPLAINT_SCHEMA).get("requestId").asText();
    }

    private static JsonNode parse(String body, String schema) {
        try {
            JsonNode json = Json.read(body);
            if (json == null
                    || !schema.equals(json.path("schema").asText())
                    || !json.path("requestId").isTextual()) {
                throw new IllegalArgumentException("not a " + schema + " message");
            }
            return json;
        } catch (IOException e) {
            throw new IllegalArgumentException("message body is not JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
