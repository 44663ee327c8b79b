package dev.consentvault.core.crypto;

import dev.consentvault.core.DependencyUnavailableException;

/** The key service could not be reached or refused the call; retrying later may succeed. */
public class KeyServiceUnavailableException extends DependencyUnavailableException {
    public KeyServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
