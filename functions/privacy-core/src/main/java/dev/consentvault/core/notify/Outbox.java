package dev.consentvault.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.store.StoredItem;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds outbox items: the caller adds {@link #item} to its own all-or-nothing write (a capture, a
 * privacy request), so a message exists exactly when what caused it was written. The recipient and
 * parameters are sealed with the consent table's cached data key, so an outbox item costs no KMS
 * call of its own.
 */
public final class Outbox {

    /**
     * How long an unsent message may wait: longer than the stream's 24-hour retention, after which
     * no sender can pick it up anyway.
     */
    public static final Duration KEEP_FOR = Duration.ofDays(2);

    private final Envelope envelope;
    private final String table;
    // replaced after a SnapStart restore, hence not final
    private volatile SecureRandom random = new SecureRandom();

    /**
     * @param envelope the consent table's envelope (the one its other items are sealed with)
     * @param table the consent table's name (part of what a sealed message is bound to)
     */
    public Outbox(Envelope envelope, String table) {
        this.envelope = envelope;
        this.table = table;
    }

    /** After a SnapStart restore: message ids from a fresh random source. */
    public void afterRestore() {
        random = new SecureRandom();
    }

    /** The item that sends this message once written. */
    public StoredItem item(OutboundMessage message, Instant now) {
        return outboxItem(message, now).toItem();
    }

    /** The same as {@link #item}, typed. */
    public OutboxItem outboxItem(OutboundMessage message, Instant now) {
        String messageId = randomId();
        ObjectNode plain = Json.object();
        plain.put("to", message.to());
        ObjectNode params = plain.putObject("params");
        new TreeMap<>(message.params()).forEach(params::put);
        byte[] sealed = envelope.seal(Json.bytes(plain), OutboxItem.binding(table, messageId));
        return new OutboxItem(
                messageId,
                message.channel(),
                message.kind(),
                message.locale(),
                now,
                sealed,
                now.plus(KEEP_FOR).getEpochSecond());
    }

    /** The message an outbox item holds; fails unless it was sealed for that very item. */
    public OutboundMessage open(OutboxItem item) {
        byte[] plain = envelope.open(item.sealed(), OutboxItem.binding(table, item.messageId()));
        try {
            JsonNode node = Json.read(plain);
            Map<String, String> params = new LinkedHashMap<>();
            node.path("params")
                    .fields()
                    .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            return new OutboundMessage(
                    item.channel(), node.path("to").asText(), item.locale(), item.kind(), params);
        } catch (IOException | RuntimeException e) {
            throw new DecryptionFailedException("an outbox message does not read back", e);
        }
    }

    private String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
