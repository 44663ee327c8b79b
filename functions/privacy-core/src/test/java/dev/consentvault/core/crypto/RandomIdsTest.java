package dev.consentvault.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    /** Random state as a snapshot holds it: the same seed in every copy, until asked again. */
    private static Supplier<SecureRandom> snapshotThenFresh() {
        int[] asked = {0};
        return () -> asked[0]++ == 0 ? seeded() : new SecureRandom();
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(7);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void idsAreVersion4UuidsOfTheIetfVariant() {
        UUID id = UUID.fromString(new RandomIds().uuid());

        assertEquals(4, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void twoCopiesOfOneSnapshotRepeatEachOtherUntilRestored() {
        RandomIds one = new RandomIds(snapshotThenFresh());
        RandomIds two = new RandomIds(snapshotThenFresh());
        assertEquals(one.uuid(), two.uuid(), "the same state hands out the same id");

        one.afterRestore();
        two.afterRestore();

        assertNotEquals(one.uuid(), two.uuid());
    }
}
