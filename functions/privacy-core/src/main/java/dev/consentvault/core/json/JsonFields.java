package dev.consentvault.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.FieldError;
import dev.consentvault.core.consent.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One JSON object of a request body, read field by field with its type checked. Problems are
 * collected (named by their JSON path, never repeating the value sent) and reported all at once by
 * {@link #finish}; a nested object shares its parent's list.
 */
public final class JsonFields {

    private final ObjectNode node;
    private final String prefix;
    private final List<FieldError> errors;

    JsonFields(ObjectNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** One error per member not in {@code allowed}: nothing unasked-for is accepted. */
    public void refuseUnknown(Set<String> allowed) {
        node.fieldNames()
                .forEachRemaining(
                        name -> {
                            if (!allowed.contains(name)) {
                                error(name, "not-accepted");
                            }
                        });
    }

    /** The member names, in the order they were sent. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Whether the member is present at all (a JSON null counts as present). */
    public boolean contains(String name) {
        return node.has(name);
    }

    /** The member as sent, or null when absent. */
    public JsonNode raw(String name) {
        return node.get(name);
    }

    /** A string member; null when absent or JSON null; an error when it is another type. */
    public String string(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            error(name, "must-be-string");
            return null;
        }
        return value.textValue();
    }

    /**
     * A string member that must match {@code pattern}; {@code rule} is the message key saying what
     * it must be.
     */
    public String string(String name, Pattern pattern, boolean required, String rule) {
        if (!contains(name) || raw(name).isNull()) {
            if (required) {
                error(name, "required");
            }
            return null;
        }
        String value = string(name);
        if (value != null && !pattern.matcher(value).matches()) {
            error(name, rule);
            return null;
        }
        return value;
    }

    /** A boolean member; null with the error keyed {@code rule} when it is anything else. */
    public Boolean bool(String name, String rule) {
        return bool(name, rule, Map.of());
    }

    /** A boolean member; null with the error keyed {@code rule}, filled with {@code params}. */
    public Boolean bool(String name, String rule, Map<String, String> params) {
        JsonNode value = node.get(name);
        if (value == null || !value.isBoolean()) {
            error(name, rule, params);
            return null;
        }
        return value.booleanValue();
    }

    /**
     * A nested object, read with this one's error list; null with the error keyed {@code rule} when
     * it is absent or not an object.
     */
    public JsonFields object(String name, String rule) {
        JsonNode value = node.get(name);
        if (value == null || !value.isObject()) {
            error(name, rule);
            return null;
        }
        return new JsonFields((ObjectNode) value, path(name) + ".", errors);
    }

    /** The JSON path of a member of this object, as errors name it. */
    private String path(String name) {
        return prefix + name;
    }

    /** Records a problem with a member of this object: {@code key} names its message. */
    public void error(String name, String key) {
        error(name, key, Map.of());
    }

    /**
     * Records a problem with a member of this object, its message's placeholders filled with {@code
     * params} (run-time values of this service, never what was sent).
     */
    public void error(String name, String key, Map<String, String> params) {
        errors.add(new FieldError(path(name), key, params));
    }

    /** Whether a problem was recorded for the member at {@code path} (a full JSON path). */
    public boolean hasErrorAt(String path) {
        return errors.stream().anyMatch(e -> e.field().equals(path));
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /**
     * Refuses the request when any problem was recorded: 400 with every problem listed.
     *
     * @param request what was sent, as the summary names it ("The withdrawal")
     */
    public void finish(String request) {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(
                    request
                            + " has "
                            + errors.size()
                            + (errors.size() == 1 ? " problem." : " problems."),
                    errors);
        }
    }
}
