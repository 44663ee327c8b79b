package dev.consentvault.core.config;

/**
 * A deployment setting is missing or malformed. The message names the variable and the form it
 * needs, never the value given: a value set by mistake in the wrong variable may be a secret.
 */
public final class InvalidSettingException extends IllegalStateException {

    InvalidSettingException(String message) {
        super(message);
    }
}
