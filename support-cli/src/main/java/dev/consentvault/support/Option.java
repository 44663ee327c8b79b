package dev.consentvault.support;

/**
 * One option of the tool or of a command; {@code value} is the placeholder of its value, null for a
 * flag.
 */
record Option(String name, String value, String description) {

    static Option flag(String name, String description) {
        return new Option(name, null, description);
    }

    static Option valued(String name, String value, String description) {
        return new Option(name, value, description);
    }

    boolean takesValue() {
        return value != null;
    }

    String synopsis() {
        return value == null ? name : name + " " + value;
    }
}
