package dev.consentvault.core.store;

import dev.consentvault.core.DependencyUnavailableException;

/** The table could not be reached or the write failed for a reason other than its conditions. */
public class StorageUnavailableException extends DependencyUnavailableException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
