package dev.consentvault.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to the consent table. */
public interface ConsentStore {

    /**
     * Writes a capture all-or-nothing in one request. The marker (nullable) is written only if no
     * live marker with its key exists; otherwise nothing is written and
     * {@link IdempotencyKeyUsedException} is thrown.
     */
    void writeCapture(List<StoredItem> items, StoredItem idempotencyMarker, Instant now);

    /** A strongly consistent read of one item. */
    Optional<StoredItem> find(String pk, String sk);
}
