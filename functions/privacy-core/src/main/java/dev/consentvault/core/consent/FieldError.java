package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One reason a request was refused, named by its JSON path ("subject.email"). Never echoes the
 * value.
 */
public record FieldError(String field, String message) {

    /**
     * One error per member of {@code node} not in {@code allowed}: nothing unasked-for is accepted.
     */
    public static List<FieldError> unknownFields(
            JsonNode node, Set<String> allowed, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new FieldError(prefix + name, "is not accepted by this API"));
            }
        }
        return errors;
    }
}
