package dev.consentvault.core.notify;

import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.StoredItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message waiting to be sent ({@code OUTBOX#{messageId}} / {@code MESSAGE}), written in the same
 * transaction as whatever caused it and sent off the consent table's stream. The recipient and the
 * parameters are sealed ({@link ConsentTable#SEALED}); what is in clear (channel, kind, locale)
 * says nothing about the person. The sender deletes the item once the message is sent; {@code
 * expiresAt} (TTL) removes any that could not be.
 *
 * @param messageId random, URL-safe
 * @param expiresAt epoch seconds (TTL)
 */
public record OutboxItem(
        String messageId,
        Channel channel,
        MessageKind kind,
        String locale,
        Instant createdAt,
        byte[] sealed,
        long expiresAt) {

    public static final String CHANNEL = "channel";
    public static final String KIND = "kind";
    public static final String LOCALE = "locale";
    public static final String CREATED_AT = "createdAt";

    /** True for an outbox item (not a receipt, decision, marker or config item). */
    public static boolean is(StoredItem item) {
        return item.pk().startsWith(ConsentTable.OUTBOX_PK_PREFIX)
                && item.sk().equals(ConsentTable.MESSAGE_SK);
    }

    public String pk() {
        return ConsentTable.outboxPk(messageId);
    }

    /** Where the sealed recipient and parameters live: the envelope is bound to it. */
    public static RecordBinding binding(String table, String messageId) {
        return new RecordBinding(
                table,
                ConsentTable.outboxPk(messageId),
                ConsentTable.MESSAGE_SK,
                ConsentTable.SEALED);
    }

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(CHANNEL, channel.name());
        a.put(KIND, kind.name());
        if (locale != null) {
            a.put(LOCALE, locale);
        }
        a.put(CREATED_AT, createdAt.toString());
        a.put(ConsentTable.SEALED, sealed);
        a.put(ConsentTable.EXPIRES_AT, expiresAt);
        return new StoredItem(pk(), ConsentTable.MESSAGE_SK, a);
    }

    public static OutboxItem of(StoredItem item) {
        if (!is(item)) {
            throw new IllegalArgumentException("not an outbox item: " + item);
        }
        return new OutboxItem(
                item.pk().substring(ConsentTable.OUTBOX_PK_PREFIX.length()),
                Channel.valueOf(item.string(CHANNEL)),
                MessageKind.valueOf(item.string(KIND)),
                item.string(LOCALE),
                Instant.parse(item.string(CREATED_AT)),
                item.bytes(ConsentTable.SEALED),
                item.number(ConsentTable.EXPIRES_AT));
    }

    @Override
    public String toString() {
        // the sealed recipient stays out of logs
        return "OutboxItem[messageId="
                + messageId
                + ", channel="
                + channel
                + ", kind="
                + kind
                + "]";
    }
}
