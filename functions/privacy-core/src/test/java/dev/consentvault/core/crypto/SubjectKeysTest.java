package dev.consentvault.core.crypto;

import static dev.consentvault.core.purpose.PersonalField.EMAIL;
import static dev.consentvault.core.purpose.PersonalField.PHONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.consentvault.core.consent.Identifiers;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SubjectKeysTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private final SubjectKeys keys = new SubjectKeys(key(7));

    @Test
    void theSamePersonAlwaysGetsTheSameKey() {
        String typedOnce = Identifiers.email("  Ana@Example.COM").orElseThrow();
        String typedAgain = Identifiers.email("ana@example.com").orElseThrow();
        assertEquals(keys.subjectKey(EMAIL, typedOnce), keys.subjectKey(EMAIL, typedAgain));
        assertEquals(
                keys.subjectKey(PHONE, Identifiers.phone("+34 600 00 00 00").orElseThrow()),
                new SubjectKeys(key(7)).subjectKey(PHONE, "+34600000000"));
    }

    @Test
    void differentPeopleFieldsAndIndexKeysGiveDifferentKeys() {
        String ana = keys.subjectKey(EMAIL, "ana@example.com");
        assertNotEquals(ana, keys.subjectKey(EMAIL, "ana@example.org"));
        assertNotEquals(ana, new SubjectKeys(key(8)).subjectKey(EMAIL, "ana@example.com"));
        assertNotEquals(
                keys.subjectKey(EMAIL, "+34600000000"), keys.subjectKey(PHONE, "+34600000000"));
        assertNotEquals(
                keys.digest("idempotency-key", "abc"), keys.digest("capture-request", "abc"));
    }

    @Test
    void aSubjectKeyRevealsNothingOfTheIdentifier() {
        String subjectKey = keys.subjectKey(EMAIL, "ana@example.com");
        assertFalse(subjectKey.contains("ana"));
        assertFalse(subjectKey.contains("example"));
        assertEquals(43, subjectKey.length(), "256-bit HMAC, base64url without padding");
    }

    @Test
    void theIndexKeyMustBe256Bits() {
        assertThrows(IllegalArgumentException.class, () -> new SubjectKeys(new byte[16]));
    }
}
