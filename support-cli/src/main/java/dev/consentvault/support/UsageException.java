package dev.consentvault.support;

/**
 * The command line is wrong (exit 2). The message never repeats a value typed: it may be someone's
 * email address.
 */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message, null, false, false);
    }
}
