package dev.consentvault.core.purpose;

/** The purposes catalogue configuration is unusable; the message names the bad entry. */
public class CatalogueException extends RuntimeException {
    public CatalogueException(String message) {
        super(message);
    }
}
