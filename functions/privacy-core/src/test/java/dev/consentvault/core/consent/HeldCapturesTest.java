package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.MutableClock;
import dev.consentvault.core.store.CaptureWrite;
import dev.consentvault.core.store.ReceiptKeyItem;
import dev.consentvault.core.store.StoredItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Held captures: sealed whole, read back equal, bound to their receipt id; compact answers. */
class HeldCapturesTest {

    private final HeldCaptures held =
            new HeldCaptures(
                    Envelope.forTable(
                            new FakeKeyService(),
                            "consents",
                            new MutableClock(Instant.parse("2026-12-06T10:00:00Z"))),
                    "consents");

    private static CaptureWrite write(String receiptId) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("emailKey", "k-email");
        a.put("expiresAt", 1_800_000_000L);
        a.put("globalPrivacyControl", true);
        a.put("purposeIds", List.of("marketing-email", "analytics"));
        a.put("sealed", new byte[] {1, 2, 3, (byte) 0xff});
        a.put("nested", Map.of("x", "y"));
        return new CaptureWrite(
                receiptId,
                List.of(new StoredItem("RECEIPT#" + receiptId, "RECEIPT", a)),
                new StoredItem("IDEMPOTENCY#d", "MARKER", Map.of("receiptId", receiptId)),
                new ReceiptKeyItem(receiptId, new byte[] {9, 8, 7}, 1_800_000_000L));
    }

    @Test
    void aHeldCaptureReadsBackEqualAndCarriesNothingInClear() {
        CaptureWrite write = write("r-1");
        String message = held.message(write);
        assertFalse(message.contains("k-email"), "no subject key in clear");
        assertFalse(message.contains("marketing-email"));
        CaptureWrite back = held.open(message);
        assertEquals(write.receiptId(), back.receiptId());
        StoredItem item = back.items().get(0);
        assertEquals(write.items().get(0).pk(), item.pk());
        assertEquals(1_800_000_000L, item.number("expiresAt"));
        assertEquals(true, item.attributes().get("globalPrivacyControl"));
        assertEquals(List.of("marketing-email", "analytics"), item.strings("purposeIds"));
        assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xff}, item.bytes("sealed"));
        assertEquals(Map.of("x", "y"), item.attributes().get("nested"));
        assertEquals("r-1", back.marker().string("receiptId"));
        assertArrayEquals(new byte[] {9, 8, 7}, back.receiptKey().wrappedKey());
    }

    @Test
    void aSealedBodyMovedToAnotherReceiptIdDoesNotOpen() {
        String message = held.message(write("r-1"));
        assertThrows(
                DecryptionFailedException.class,
                () -> held.open(message.replace("\"receiptId\":\"r-1\"", "\"receiptId\":\"r-2\"")));
        assertThrows(IllegalArgumentException.class, () -> held.open("{\"schema\":\"other/1\"}"));
    }

    @Test
    void answersAreStoredCompactAndOlderPlainOnesReadBackAsTheyAre() {
        byte[] answer =
                "{\"receiptId\":\"r\",\"purposes\":[]}".repeat(20).getBytes(StandardCharsets.UTF_8);
        byte[] compact = CompactBytes.compress(answer);
        assertEquals(0x78, compact[0] & 0xff);
        assertEquals(true, compact.length < answer.length / 3);
        assertArrayEquals(answer, CompactBytes.decompress(compact));
        byte[] older = "{\"receiptId\":\"r\"}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(older, CompactBytes.decompress(older));
    }
}
