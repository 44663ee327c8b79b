package dev.consentvault.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceiptKeysTest {

    private static final byte[] FIELDS =
            "{\"email\":\"ana@example.com\"}".getBytes(StandardCharsets.UTF_8);
    private static final RecordBinding AT =
            new RecordBinding("consents", "RECEIPT#r-1", "PURPOSE#news", "sealed");

    private final FakeKeyService kms = new FakeKeyService();
    private final Envelope envelope =
            Envelope.forTable(
                    kms, "consents", new MutableClock(Instant.parse("2026-11-29T10:00:00Z")));
    private final ReceiptKeys keys = new ReceiptKeys(envelope, "keys");

    @Test
    void aFieldSealedUnderAReceiptKeyOpensOnlyWithThatKeyWhereItWasSealed() {
        ReceiptKey key = keys.create("r-1");
        byte[] sealed = keys.seal(key, FIELDS, AT);

        assertEquals(ReceiptKeys.VERSION, sealed[0]);
        assertArrayEquals(FIELDS, keys.open(sealed, AT, () -> Optional.of(key)));
        ReceiptKey other = keys.create("r-1");
        assertThrows(
                DecryptionFailedException.class,
                () -> keys.open(sealed, AT, () -> Optional.of(other)));
        assertThrows(
                DecryptionFailedException.class,
                () ->
                        keys.open(
                                sealed,
                                new RecordBinding(
                                        "consents", "RECEIPT#r-2", "PURPOSE#news", "sealed"),
                                () -> Optional.of(key)));
        assertThrows(DecryptionFailedException.class, () -> keys.open(sealed, AT, Optional::empty));
        sealed[sealed.length - 1] ^= 1;
        assertThrows(
                DecryptionFailedException.class,
                () -> keys.open(sealed, AT, () -> Optional.of(key)));
    }

    @Test
    void aWrappedKeyUnwrapsForItsOwnReceiptOnlyAndNeverShowsItself() {
        ReceiptKey key = keys.create("r-1");

        assertArrayEquals(key.plaintext(), keys.unwrap("r-1", key.wrapped()).plaintext());
        assertThrows(DecryptionFailedException.class, () -> keys.unwrap("r-2", key.wrapped()));
        assertFalse(key.toString().contains(java.util.HexFormat.of().formatHex(key.plaintext())));
        assertEquals(32, key.plaintext().length);
    }

    @Test
    void aFieldSealedBeforeReceiptKeysOpensWithTheDataKeyAndAsksForNoReceiptKey() {
        byte[] legacy = envelope.seal(FIELDS, AT);

        assertArrayEquals(
                FIELDS,
                keys.open(
                        legacy,
                        AT,
                        () -> {
                            throw new AssertionError("no receipt key is read for version 1");
                        }));
    }

    @Test
    void wrappingReceiptKeysCostsNoKmsCallBeyondTheCachedDataKey() {
        for (int i = 0; i < 100; i++) {
            keys.create("r-" + i);
        }
        assertEquals(1, kms.generateCalls());
    }
}
