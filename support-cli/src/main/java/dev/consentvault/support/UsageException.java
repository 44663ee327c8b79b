package dev.consentvault.support;

/**
 * The command line is wrong (exit 2); {@code command} names whose usage to show, null for the
 * tool's.
 */
final class UsageException extends Exception {

    private final CommandSpec command;

    UsageException(String message, CommandSpec command) {
        super(message, null, false, false);
        this.command = command;
    }

    CommandSpec command() {
        return command;
    }
}
