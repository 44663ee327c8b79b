package dev.consentvault.core.crypto;

import static dev.consentvault.core.purpose.PersonalField.EMAIL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexKeyTest {

    /** The config item, with a conditional put like DynamoDB's attribute_not_exists. */
    private static class FakeIndexKeyStore implements IndexKeyStore {
        byte[] stored;
        int loads;
        int puts;

        @Override
        public Optional<byte[]> loadWrappedIndexKey() {
            loads++;
            return Optional.ofNullable(stored).map(byte[]::clone);
        }

        @Override
        public boolean storeWrappedIndexKeyIfAbsent(byte[] wrapped) {
            puts++;
            if (stored != null) {
                return false;
            }
            stored = wrapped.clone();
            return true;
        }
    }

    private final FakeKeyService kms = new FakeKeyService();
    private final FakeIndexKeyStore store = new FakeIndexKeyStore();

    private static String ana(SubjectKeys keys) {
        return keys.subjectKey(EMAIL, "ana@example.com");
    }

    @Test
    void theFirstContainerCreatesAndStoresTheKeyOnce() {
        SubjectKeys first = IndexKey.load(store, kms, "consents");
        assertEquals(1, kms.generateCalls());
        assertEquals(0, kms.decryptCalls());
        assertEquals(1, store.puts);
        assertTrue(store.stored != null);

        SubjectKeys later = IndexKey.load(store, kms, "consents");
        assertEquals(ana(first), ana(later), "every container must compute the same subject keys");
        assertEquals(1, kms.generateCalls());
        assertEquals(1, kms.decryptCalls());
        assertEquals(1, store.puts);
    }

    @Test
    void anExistingKeyIsOnlyUnwrapped() {
        FakeIndexKeyStore creator = new FakeIndexKeyStore();
        SubjectKeys original = IndexKey.load(creator, kms, "consents");
        store.stored = creator.stored;
        int generated = kms.generateCalls();

        SubjectKeys loaded = IndexKey.load(store, kms, "consents");
        assertEquals(ana(original), ana(loaded));
        assertEquals(generated, kms.generateCalls());
        assertEquals(1, kms.decryptCalls());
        assertEquals(0, store.puts);
    }

    @Test
    void aContainerThatLosesTheCreationRaceUsesTheWinnersKey() {
        FakeIndexKeyStore winnerView = new FakeIndexKeyStore();
        SubjectKeys winner = IndexKey.load(winnerView, kms, "consents");
        FakeIndexKeyStore racing =
                new FakeIndexKeyStore() {
                    @Override
                    public boolean storeWrappedIndexKeyIfAbsent(byte[] wrapped) {
                        puts++;
                        stored = winnerView.stored; // the winner's conditional put landed first
                        return false;
                    }
                };

        SubjectKeys loser = IndexKey.load(racing, kms, "consents");
        assertEquals(ana(winner), ana(loser));
        assertEquals(2, racing.loads);
        assertEquals(1, kms.decryptCalls());
        assertArrayEquals(winnerView.stored, racing.stored);
    }
}
