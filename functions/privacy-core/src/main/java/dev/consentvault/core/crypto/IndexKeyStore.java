package dev.consentvault.core.crypto;

import java.util.Optional;

/** Port: where the wrapped index key is kept (a config item in the consent table). */
public interface IndexKeyStore {

    Optional<byte[]> loadWrappedIndexKey();

    /** Stores it unless one exists already; false when another container won the race. */
    boolean storeWrappedIndexKeyIfAbsent(byte[] wrapped);
}
