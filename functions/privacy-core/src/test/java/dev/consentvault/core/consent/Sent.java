package dev.consentvault.core.consent;

import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.OutboundMessage;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.notify.OutboxItem;
import java.util.Optional;

/** Reads the messages a test's captures put into the (fake) consent table's outbox. */
final class Sent {

    private Sent() {}

    /** The message of this kind for this receipt, opened as the sender would. */
    static Optional<OutboundMessage> message(
            FakeConsentStore store, Outbox outbox, String receiptId, MessageKind kind) {
        return store.items.values().stream()
                .filter(OutboxItem::is)
                .map(i -> outbox.open(OutboxItem.of(i)))
                .filter(m -> m.kind() == kind)
                .filter(m -> receiptId.equals(m.params().get(OutboundMessage.RECEIPT_ID)))
                .findFirst();
    }

    /** The token at the end of a confirmation link. */
    static String linkToken(OutboundMessage message) {
        String link = message.params().get(OutboundMessage.LINK);
        return link.substring(link.lastIndexOf('/') + 1);
    }

    static byte[] code(OutboundMessage message) {
        return codeBody(message.params().get(OutboundMessage.CODE));
    }

    static byte[] codeBody(String code) {
        return ("{\"code\": \"" + code + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
