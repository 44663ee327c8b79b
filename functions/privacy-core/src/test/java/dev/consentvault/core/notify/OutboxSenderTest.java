package dev.consentvault.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.consent.FakeConsentStore;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.MutableClock;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.StoredItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxSenderTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final ConsentStore store = new FakeConsentStore();
    private final Outbox outbox =
            new Outbox(Envelope.forTable(new FakeKeyService(), "consent", clock), "consent");
    private final List<String> sent = new ArrayList<>();
    private boolean failing;
    private final Messenger messenger =
            new Messenger() {
                @Override
                public String sendEmail(String to, String subject, String text) {
                    if (failing) {
                        throw new DependencyUnavailableException("ses unavailable", null);
                    }
                    sent.add("email " + to + " | " + subject + " | " + text);
                    return "m-" + sent.size();
                }

                @Override
                public String sendSms(String to, String text) {
                    if (failing) {
                        throw new DependencyUnavailableException("sns unavailable", null);
                    }
                    sent.add("sms " + to + " | " + text);
                    return "m-" + sent.size();
                }
            };
    private final OutboxSender sender =
            new OutboxSender(
                    store, outbox, MessageTemplates.standard(), messenger, "Cherries Ltd", clock);

    private StoredItem queued(Channel channel, String to, MessageKind kind, Map<String, String> p) {
        StoredItem item = outbox.item(new OutboundMessage(channel, to, "es-ES", kind, p), NOW);
        store.writeTogether(List.of(item));
        return item;
    }

    @Test
    void aMessageIsSentInItsLanguageAndItsItemWithTheSealedAddressIsDeleted() {
        StoredItem item =
                queued(
                        Channel.SMS,
                        "+34611222333",
                        MessageKind.CONFIRM_SMS,
                        Map.of("code", "042917", "expiresInMinutes", "10080"));

        assertEquals(OutboxSender.Outcome.SENT, sender.send(item.pk()));

        assertEquals(1, sent.size());
        assertTrue(
                sent.get(0).startsWith("sms +34611222333 | Cherries Ltd: su código"), sent.get(0));
        assertTrue(sent.get(0).contains("042917"));
        assertTrue(store.find(item.pk(), ConsentTable.MESSAGE_SK).isEmpty());
    }

    @Test
    void aRedeliveredRecordSendsNothingTwice() {
        StoredItem item =
                queued(
                        Channel.EMAIL,
                        "ana@example.com",
                        MessageKind.REQUEST_COMPLETED,
                        Map.of("requestId", "r-1"));
        sender.send(item.pk());
        assertEquals(OutboxSender.Outcome.ALREADY_SENT, sender.send(item.pk()));
        assertEquals(1, sent.size());
    }

    @Test
    void aFailedSendKeepsTheMessageForTheRetryAndTheRetrySendsIt() {
        StoredItem item =
                queued(
                        Channel.EMAIL,
                        "ana@example.com",
                        MessageKind.REQUEST_COMPLETED,
                        Map.of("requestId", "r-1"));
        failing = true;
        DependencyUnavailableException e =
                assertThrows(DependencyUnavailableException.class, () -> sender.send(item.pk()));
        assertTrue(!e.getMessage().contains("ana@"), "no address in the error");
        assertTrue(store.find(item.pk(), ConsentTable.MESSAGE_SK).isPresent(), "nothing lost");

        failing = false;
        assertEquals(OutboxSender.Outcome.SENT, sender.send(item.pk()));
        assertEquals(1, sent.size());
    }

    @Test
    void aMessageTooOldToMatterIsDeletedUnsent() {
        StoredItem item =
                queued(
                        Channel.SMS,
                        "+34611222333",
                        MessageKind.ACCESS_CODE,
                        Map.of("code", "1", "expiresInMinutes", "15"));
        clock.advance(Outbox.KEEP_FOR.plus(Duration.ofSeconds(1)));
        assertEquals(OutboxSender.Outcome.EXPIRED, sender.send(item.pk()));
        assertEquals(List.of(), sent);
        assertTrue(store.find(item.pk(), ConsentTable.MESSAGE_SK).isEmpty());
    }
}
