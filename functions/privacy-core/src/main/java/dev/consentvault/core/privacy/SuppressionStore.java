package dev.consentvault.core.privacy;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/** Port to the suppression list's entries (keyed hashes only). */
public interface SuppressionStore {

    /** Adds the entries (idempotent: an entry keeps the time it was first added). */
    void add(Collection<String> entries, Instant at);

    /** Which of these entries are on the list. */
    Set<String> present(Collection<String> entries);
}
