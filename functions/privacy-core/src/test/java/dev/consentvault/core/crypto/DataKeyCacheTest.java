package dev.consentvault.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataKeyCacheTest {

    private static final Map<String, String> CONTEXT =
            Map.of("service", "consent-vault", "table", "consents");

    private final FakeKeyService kms = new FakeKeyService();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-31T10:00:00Z"));
    private final Envelope envelope = new Envelope(new DataKeyCache(kms, CONTEXT, clock));

    private static RecordBinding record(int i) {
        return new RecordBinding("consents", "RECEIPT#" + i, "PURPOSE#marketing-email", "sealed");
    }

    private static byte[] value(int i) {
        return ("{\"email\":\"person" + i + "@example.com\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The wrapped data key an envelope was sealed under (format v1: version, uint16 length, key).
     */
    private static byte[] wrappedKeyOf(byte[] sealed) {
        int length = ((sealed[1] & 0xff) << 8) | (sealed[2] & 0xff);
        return Arrays.copyOfRange(sealed, 3, 3 + length);
    }

    @Test
    void oneDataKeySealsTenThousandRecordsThenANewOneIsGenerated() {
        byte[] first = envelope.seal(value(0), record(0));
        for (int i = 1; i < DataKeyCache.MAX_RECORDS; i++) {
            envelope.seal(value(i), record(i));
        }
        assertEquals(1, kms.generateCalls());
        byte[] tenThousandAndFirst = envelope.seal(value(10_000), record(10_000));
        assertEquals(2, kms.generateCalls());
        assertFalse(Arrays.equals(wrappedKeyOf(first), wrappedKeyOf(tenThousandAndFirst)));
        assertEquals(0, kms.decryptCalls());
    }

    @Test
    void aDataKeyIsReplacedOnceItIsFiveMinutesOld() {
        byte[] first = envelope.seal(value(1), record(1));
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        byte[] stillFresh = envelope.seal(value(2), record(2));
        assertEquals(1, kms.generateCalls());
        assertArrayEquals(wrappedKeyOf(first), wrappedKeyOf(stillFresh));

        clock.advance(Duration.ofSeconds(1));
        byte[] renewed = envelope.seal(value(3), record(3));
        assertEquals(2, kms.generateCalls());
        assertFalse(Arrays.equals(wrappedKeyOf(first), wrappedKeyOf(renewed)));
        // records sealed under the old key still open
        assertArrayEquals(value(1), envelope.open(first, record(1)));
    }

    @Test
    void openingManyRecordsUnderOneKeyUnwrapsItOnce() {
        List<byte[]> sealed = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sealed.add(envelope.seal(value(i), record(i)));
        }
        // another container: nothing cached yet
        Envelope reader = new Envelope(new DataKeyCache(kms, CONTEXT, clock));
        for (int i = 0; i < sealed.size(); i++) {
            assertArrayEquals(value(i), reader.open(sealed.get(i), record(i)));
        }
        assertEquals(1, kms.decryptCalls());
        assertEquals(1, kms.generateCalls());
    }

    @Test
    void theSealingContainerNeedsNoUnwrapToReadItsOwnRecords() {
        byte[] sealed = envelope.seal(value(1), record(1));
        assertArrayEquals(value(1), envelope.open(sealed, record(1)));
        assertEquals(0, kms.decryptCalls());
    }

    @Test
    void aKeyMadeForAnotherEncryptionContextDoesNotOpen() {
        byte[] sealed = envelope.seal(value(1), record(1));
        Envelope otherTable =
                new Envelope(
                        new DataKeyCache(
                                kms,
                                Map.of("service", "consent-vault", "table", "privacy-requests"),
                                clock));
        assertThrows(DecryptionFailedException.class, () -> otherTable.open(sealed, record(1)));
    }
}
