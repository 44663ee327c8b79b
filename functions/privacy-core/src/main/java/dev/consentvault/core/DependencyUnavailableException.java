package dev.consentvault.core;

/**
 * A service the request depends on (storage, keys, queues) failed. The API answers 503 and has
 * written nothing. Messages name the operation, never the data.
 */
public class DependencyUnavailableException extends RuntimeException {
    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
