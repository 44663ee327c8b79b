package dev.consentvault.core.consent;

import java.util.Map;

/** The brand responsible for the processing, as the receipt names it. */
public record Controller(String name, String contact, String policyUrl) {

    public static Controller fromEnvironment(Map<String, String> env) {
        return new Controller(
                required(env, "CONTROLLER_NAME"),
                required(env, "CONTROLLER_CONTACT"),
                required(env, "CONTROLLER_POLICY_URL"));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    name + " is not set: the receipt must name the data controller");
        }
        return value;
    }
}
