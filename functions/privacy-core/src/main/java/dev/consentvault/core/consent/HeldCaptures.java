package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.store.CaptureBuffer;
import dev.consentvault.core.store.CaptureWrite;
import dev.consentvault.core.store.ConsentStore;
import java.io.IOException;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Captures held on the capture buffer queue while the consent table throttles. A message carries
 * the receipt id (random, no personal meaning) and the whole write sealed under the consent table's
 * envelope, bound to that receipt id: subject keys, sealed fields and the receipt's wrapped key are
 * never in a queue in clear, and a message's body cannot be moved onto another.
 */
public final class HeldCaptures {

    public static final String SCHEMA = "consent-vault.held-capture/1";

    private final Envelope envelope;
    private final String table;

    /**
     * @param envelope the consent table's (the drainer opens with the same encryption context)
     */
    public HeldCaptures(Envelope envelope, String table) {
        this.envelope = envelope;
        this.table = table;
    }

    /**
     * A buffer that seals each write and hands the message to {@code queue} (which must throw if it
     * cannot keep it).
     */
    public CaptureBuffer buffer(Consumer<String> queue) {
        return write -> queue.accept(message(write));
    }

    public String message(CaptureWrite write) {
        byte[] sealed = envelope.seal(write.toJson(), binding(write.receiptId()));
        return Json.object()
                .put("schema", SCHEMA)
                .put("receiptId", write.receiptId())
                .put("sealed", Base64.getEncoder().encodeToString(sealed))
                .toString();
    }

    public CaptureWrite open(String message) {
        JsonNode node;
        try {
            node = Json.read(message);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a held capture message", e);
        }
        if (node == null || !SCHEMA.equals(node.path("schema").asText())) {
            throw new IllegalArgumentException("not a held capture message");
        }
        String receiptId = node.path("receiptId").asText();
        CaptureWrite write =
                CaptureWrite.fromJson(
                        envelope.open(
                                Base64.getDecoder().decode(node.path("sealed").asText()),
                                binding(receiptId)));
        if (!write.receiptId().equals(receiptId)) {
            throw new IllegalArgumentException("held capture does not match its message");
        }
        return write;
    }

    /**
     * Writes one held capture (the drainer's work). Written before (a redelivered message), or its
     * Idempotency-Key taken by a retry that was written directly: nothing more is written, so a
     * capture is never stored twice.
     */
    public void drain(String message, ConsentStore store) {
        store.writeHeld(open(message));
    }

    private RecordBinding binding(String receiptId) {
        return new RecordBinding(table, "HELD#" + receiptId, "CAPTURE", "sealed");
    }
}
