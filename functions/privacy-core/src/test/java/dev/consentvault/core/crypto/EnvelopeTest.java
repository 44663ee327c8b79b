package dev.consentvault.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeTest {

    private static final Map<String, String> CONTEXT =
            Map.of("service", "consent-vault", "table", "consents");
    private static final RecordBinding BINDING =
            new RecordBinding("consents", "RECEIPT#r1", "PURPOSE#marketing-email", "sealed");
    private static final byte[] PLAINTEXT =
            "{\"email\":\"ana.kowalczyk@example.com\"}".getBytes(StandardCharsets.UTF_8);

    private final FakeKeyService kms = new FakeKeyService();
    private final Envelope envelope =
            new Envelope(
                    new DataKeyCache(
                            kms, CONTEXT, new MutableClock(Instant.parse("2026-01-31T10:00:00Z"))));

    @Test
    void sealedValuesOpenForTheirOwnRecord() {
        byte[] sealed = envelope.seal(PLAINTEXT, BINDING);
        assertArrayEquals(PLAINTEXT, envelope.open(sealed, BINDING));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("kowalczyk"));
    }

    @Test
    void theStoredFormatStartsWithVersionOneAndUsesAFreshIvEachTime() {
        byte[] first = envelope.seal(PLAINTEXT, BINDING);
        byte[] second = envelope.seal(PLAINTEXT, BINDING);
        assertEquals(1, first[0]);
        assertEquals(Envelope.VERSION, first[0]);
        assertFalse(
                Arrays.equals(first, second), "same plaintext must not give the same ciphertext");
    }

    static Stream<Arguments> otherRecords() {
        return Stream.of(
                Arguments.of(
                        "other pk",
                        new RecordBinding(
                                "consents", "RECEIPT#r2", "PURPOSE#marketing-email", "sealed")),
                Arguments.of(
                        "other sk",
                        new RecordBinding(
                                "consents", "RECEIPT#r1", "PURPOSE#marketing-sms", "sealed")),
                Arguments.of(
                        "other attribute",
                        new RecordBinding(
                                "consents", "RECEIPT#r1", "PURPOSE#marketing-email", "notes")),
                Arguments.of(
                        "other table",
                        new RecordBinding(
                                "consents-staging",
                                "RECEIPT#r1",
                                "PURPOSE#marketing-email",
                                "sealed")),
                Arguments.of(
                        "shifted boundary",
                        new RecordBinding(
                                "consents", "RECEIPT#r1PURPOSE#", "marketing-email", "sealed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherRecords")
    void aCiphertextMovedToAnotherRecordDoesNotOpen(String label, RecordBinding other) {
        byte[] sealed = envelope.seal(PLAINTEXT, BINDING);
        assertThrows(DecryptionFailedException.class, () -> envelope.open(sealed, other));
    }

    @Test
    void flippingAnyBitOfTheEnvelopeIsDetected() {
        byte[] sealed = envelope.seal(PLAINTEXT, BINDING);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            int at = i;
            assertThrows(
                    DecryptionFailedException.class,
                    () -> envelope.open(tampered, BINDING),
                    () -> "byte " + at);
        }
    }

    @Test
    void truncatedOrEmptyEnvelopesAreRejected() {
        byte[] sealed = envelope.seal(PLAINTEXT, BINDING);
        assertThrows(DecryptionFailedException.class, () -> envelope.open(new byte[0], BINDING));
        assertThrows(
                DecryptionFailedException.class,
                () -> envelope.open(Arrays.copyOf(sealed, 20), BINDING));
        assertThrows(
                DecryptionFailedException.class,
                () -> envelope.open(Arrays.copyOf(sealed, sealed.length - 1), BINDING));
    }

    @Test
    void anUnreachableKeyServiceIsReportedAsSuchNotAsTampering() {
        byte[] sealed = envelope.seal(PLAINTEXT, BINDING);
        kms.setUnavailable(true);
        Envelope otherContainer =
                new Envelope(new DataKeyCache(kms, CONTEXT, new MutableClock(Instant.EPOCH)));
        assertThrows(
                KeyServiceUnavailableException.class, () -> otherContainer.open(sealed, BINDING));
    }
}
