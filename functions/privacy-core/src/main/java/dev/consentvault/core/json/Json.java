package dev.consentvault.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees read and written with jackson-core's streaming parser and generator, and Jackson's
 * node classes, without an {@code ObjectMapper}: building one (and the serializer and deserializer
 * machinery behind it, which a node's own {@code toString()} also builds) costs about 140 ms of a
 * function's cold start, more than anything this project reads or writes at start. Every field may
 * appear once per object: a repeated one is refused ({@link DuplicateFieldException}).
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** The factory of parsers and generators (for code that streams JSON itself). */
    public static JsonFactory factory() {
        return FACTORY;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * The first JSON value in {@code json} (a missing node when there is none, as {@code
     * ObjectMapper.readTree} answers).
     */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return orMissing(read(parser));
        }
    }

    /** As {@link #read(byte[])}. */
    public static JsonNode read(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return orMissing(read(parser));
        }
    }

    /** As {@link #read(byte[])}, from a stream it does not close. */
    public static JsonNode read(InputStream json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return orMissing(read(parser));
        }
    }

    private static JsonNode orMissing(JsonNode node) {
        return node == null ? MissingNode.getInstance() : node;
    }

    /** The next JSON value of {@code parser} (null at the end of its input). */
    public static JsonNode read(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? null : value(parser, token);
    }

    /** A repeated field in one object. */
    public static final class DuplicateFieldException extends JsonParseException {
        private static final long serialVersionUID = 1L;

        DuplicateFieldException(JsonParser parser) {
            // the field's name is not repeated here: it may be a person's data
            super(parser, "a field appears more than once in one object");
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = parser.nextToken();
                        t != JsonToken.END_OBJECT;
                        t = parser.nextToken()) {
                    String name = parser.currentName();
                    JsonNode member = value(parser, parser.nextToken());
                    if (object.putIfAbsent(name, member) != null) {
                        throw new DuplicateFieldException(parser);
                    }
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken();
                        t != JsonToken.END_ARRAY;
                        t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    /** {@code node} as compact JSON text. */
    public static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** {@code node} as compact JSON in UTF-8. */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }

    /** Writes {@code node} to {@code generator}. */
    public static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
                break;
            case ARRAY:
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
                break;
            case STRING:
                generator.writeString(node.textValue());
                break;
            case NUMBER:
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) {
                        generator.writeNumber(node.longValue());
                    } else {
                        generator.writeNumber(node.bigIntegerValue());
                    }
                } else if (node.isBigDecimal()) {
                    generator.writeNumber(node.decimalValue());
                } else {
                    generator.writeNumber(node.doubleValue());
                }
                break;
            case BOOLEAN:
                generator.writeBoolean(node.booleanValue());
                break;
            case BINARY:
                generator.writeBinary(node.binaryValue());
                break;
            case POJO:
                writeValue(generator, ((POJONode) node).getPojo());
                break;
            default:
                generator.writeNull();
        }
    }

    /** A plain value as JSON: text, numbers, booleans, maps, collections; anything else as text. */
    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof JsonNode node) {
            write(generator, node);
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            generator.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof java.math.BigDecimal d) {
            generator.writeNumber(d);
        } else if (value instanceof java.math.BigInteger i) {
            generator.writeNumber(i);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            generator.writeStartArray();
            for (Object element : collection) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else {
            generator.writeString(value.toString());
        }
    }
}
