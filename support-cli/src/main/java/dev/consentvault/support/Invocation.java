package dev.consentvault.support;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line. {@code globals} and {@code values} map option names ("--stack") to their
 * values; {@code flags} holds the flags given. {@code command} is null when none was named.
 */
record Invocation(
        CommandSpec command,
        Map<String, String> globals,
        Map<String, String> values,
        Set<String> flags,
        List<String> positionals,
        boolean help) {

    String global(String name) {
        return globals.get(name);
    }

    String value(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    boolean json() {
        return flags.contains("--json");
    }
}
