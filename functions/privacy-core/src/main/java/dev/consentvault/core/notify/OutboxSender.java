package dev.consentvault.core.notify;

import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.ItemKey;
import dev.consentvault.core.store.StoredItem;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Sends what the outbox holds, off the consent table's stream: reads the message (strongly
 * consistent, so a redelivered record of a message already sent finds nothing and sends nothing),
 * renders it in its language, hands it to SES or SNS, then deletes the item, and with it the sealed
 * address. A failure leaves the item as it was, for the stream to retry.
 */
public final class OutboxSender {

    /** What became of one outbox record. */
    public enum Outcome {
        SENT,
        /** Gone already: sent by an earlier delivery of the same record. */
        ALREADY_SENT,
        /** Past its expiry: not sent (too late to be useful), deleted. */
        EXPIRED
    }

    private final ConsentStore store;
    private final Outbox outbox;
    private final MessageTemplates templates;
    private final Messenger messenger;
    private final String controller;
    private final Clock clock;

    /**
     * @param controller the brand messages come from (CONTROLLER_NAME)
     */
    public OutboxSender(
            ConsentStore store,
            Outbox outbox,
            MessageTemplates templates,
            Messenger messenger,
            String controller,
            Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.templates = templates;
        this.messenger = messenger;
        this.controller = controller;
        this.clock = clock;
    }

    /** Sends the message under this outbox key ({@code OUTBOX#...}). */
    public Outcome send(String pk) {
        if (!pk.startsWith(ConsentTable.OUTBOX_PK_PREFIX)) {
            throw new IllegalArgumentException("not an outbox key");
        }
        Optional<StoredItem> stored = store.find(pk, ConsentTable.MESSAGE_SK);
        if (stored.isEmpty()) {
            return Outcome.ALREADY_SENT;
        }
        ItemKey key = new ItemKey(pk, ConsentTable.MESSAGE_SK);
        if (stored.get().expiredAt(clock.instant())) {
            store.deleteItems(List.of(key));
            return Outcome.EXPIRED;
        }
        OutboundMessage message = outbox.open(OutboxItem.of(stored.get()));
        MessageTemplates.Rendered rendered = templates.render(message, controller);
        switch (message.channel()) {
            case EMAIL -> messenger.sendEmail(message.to(), rendered.subject(), rendered.text());
            case SMS -> messenger.sendSms(message.to(), rendered.text());
        }
        // sent: the address (and the link or code) need not be kept a moment longer
        store.deleteItems(List.of(key));
        return Outcome.SENT;
    }
}
