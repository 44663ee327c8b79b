package dev.consentvault.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** stdout, as text for people or as JSON ({@code --json}) for scripts. */
final class Output {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final boolean json;

    Output(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void print(Fields fields) {
        if (json) {
            print(fields.toJson());
        } else {
            out.print(fields.toText());
        }
    }

    void print(JsonNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }

    /** A line for people; scripts reading --json get only the JSON. */
    void say(String line) {
        if (!json) {
            out.println(line);
        }
    }

    void table(Table table) {
        out.print(table.render());
    }

    /** An instant as people read it: UTC, to the second. */
    static String text(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Named values in order: "Label value" lines as text, an object with the keys as JSON. */
    static final class Fields {

        private record Field(String key, String label, Object value) {}

        private final List<Field> fields = new ArrayList<>();

        Fields add(String key, String label, Object value) {
            fields.add(new Field(key, label, value));
            return this;
        }

        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode();
            for (Field field : fields) {
                Object value = field.value();
                if (value == null) {
                    node.putNull(field.key());
                } else if (value instanceof Boolean b) {
                    node.put(field.key(), b);
                } else if (value instanceof Long n) {
                    node.put(field.key(), n);
                } else {
                    node.put(field.key(), value.toString());
                }
            }
            return node;
        }

        String toText() {
            int width = fields.stream().mapToInt(f -> f.label().length()).max().orElse(0);
            StringBuilder text = new StringBuilder();
            for (Field field : fields) {
                Object value = field.value();
                String shown =
                        value == null
                                ? "-"
                                : value instanceof Instant instant
                                        ? text(instant)
                                        : value instanceof Boolean b
                                                ? (b ? "yes" : "no")
                                                : value.toString();
                text.append(field.label())
                        .append(" ".repeat(width - field.label().length()))
                        .append("  ")
                        .append(shown)
                        .append('\n');
            }
            return text.toString();
        }
    }
}
