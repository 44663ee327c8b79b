package dev.consentvault.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.StoredItem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final String LINK = "https://consent.example.com/v1/confirm/secret-token";

    private final FakeKeyService kms = new FakeKeyService();
    private final Envelope envelope = Envelope.forTable(kms, "consent", Clock.systemUTC());
    private final Outbox outbox = new Outbox(envelope, "consent");

    private static OutboundMessage confirmation() {
        return new OutboundMessage(
                Channel.EMAIL,
                "ana@example.com",
                "es-ES",
                MessageKind.CONFIRM_EMAIL,
                Map.of(OutboundMessage.LINK, LINK, OutboundMessage.RECEIPT_ID, "r-1"));
    }

    @Test
    void anOutboxItemHoldsTheMessageSealedAndOpensBackToIt() {
        StoredItem item = outbox.item(confirmation(), NOW);

        assertTrue(item.pk().startsWith("OUTBOX#"));
        assertEquals("MESSAGE", item.sk());
        assertEquals(
                Set.of("channel", "kind", "locale", "createdAt", "sealed", "expiresAt"),
                item.attributes().keySet());
        assertEquals(NOW.plusSeconds(2 * 86_400).getEpochSecond(), item.number("expiresAt"));
        assertEquals("CONFIRM_EMAIL", item.string("kind"));
        String stored = new String(item.bytes(ConsentTable.SEALED), StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains("ana@example.com"), "no address in clear");
        assertFalse(stored.contains("secret-token"), "no link in clear");

        assertEquals(confirmation(), outbox.open(OutboxItem.of(item)));
    }

    @Test
    void messagesCostNoKmsCallOfTheirOwn() {
        for (int i = 0; i < 500; i++) {
            outbox.item(confirmation(), NOW);
        }
        assertEquals(1, kms.generateCalls(), "one cached data key seals them all");
    }

    @Test
    void eachMessageHasItsOwnIdAndASealedMessageMovedToAnotherItemDoesNotOpen() {
        OutboxItem a = OutboxItem.of(outbox.item(confirmation(), NOW));
        OutboxItem b = OutboxItem.of(outbox.item(confirmation(), NOW));
        assertFalse(a.messageId().equals(b.messageId()));

        OutboxItem moved =
                new OutboxItem(
                        b.messageId(),
                        a.channel(),
                        a.kind(),
                        a.locale(),
                        a.createdAt(),
                        a.sealed(),
                        a.expiresAt());
        assertThrows(DecryptionFailedException.class, () -> outbox.open(moved));
    }

    @Test
    void aMessageCarriesOnlyTheNamedParametersAndNeverShowsThemInText() {
        Map<String, String> params = new HashMap<>();
        params.put("name", "Ana");
        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new OutboundMessage(
                                        Channel.SMS,
                                        "+34600000000",
                                        null,
                                        MessageKind.CONFIRM_SMS,
                                        params));
        assertFalse(refused.getMessage().contains("Ana"));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new OutboundMessage(
                                Channel.SMS, " ", null, MessageKind.CONFIRM_SMS, Map.of()));

        String text = confirmation().toString() + OutboxItem.of(outbox.item(confirmation(), NOW));
        assertFalse(text.contains("ana@example.com"));
        assertFalse(text.contains("secret-token"));
    }
}
