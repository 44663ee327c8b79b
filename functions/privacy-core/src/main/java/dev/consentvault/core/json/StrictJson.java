package dev.consentvault.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.InvalidRequestException;
import java.io.IOException;
import java.util.ArrayList;

/**
 * The one reader for request bodies: exactly one JSON object, each field at most once, nothing
 * after it. A body that is not JSON, repeats a field or has text after its value is refused with a
 * message saying which; none of them repeats what was sent.
 */
public final class StrictJson {

    /*
     * Duplicates are found while the tree is built (Json.DuplicateFieldException) and trailing
     * text by reading one token past the value, so the three refusals can be told apart: syntax
     * errors are the streaming parser's own exceptions.
     */
    /** Built on first use only: see {@link Json} for what an ObjectMapper costs at start. */
    private static final class Mapper {
        static final ObjectMapper MAPPER =
                JsonMapper.builder()
                        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                        .build();
    }

    private StrictJson() {}

    /**
     * A mapper that refuses repeated fields as the body reader does, for tests and tools; the
     * functions read and write through {@link Json}, which builds none.
     */
    public static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    /**
     * Reads a request body that must be one JSON object.
     *
     * @param shape what the object should look like, said when the body is some other JSON value
     *     (for example {@code "{} or {\"purposes\": [...]}"})
     */
    public static JsonFields readObject(byte[] body, String shape) {
        JsonNode root;
        try (JsonParser parser = Json.factory().createParser(body == null ? new byte[0] : body)) {
            root = Json.read(parser);
            if (root != null && hasMore(parser)) {
                throw new InvalidRequestException(
                        "The request body has text after its JSON object; send one JSON object only.");
            }
        } catch (Json.DuplicateFieldException duplicate) {
            throw new InvalidRequestException(
                    "The request body names a field more than once; each field may appear only once.");
        } catch (IOException e) {
            throw new InvalidRequestException("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(
                    "The request body must be a JSON object: " + shape + ".");
        }
        return new JsonFields((ObjectNode) root, "", new ArrayList<>());
    }

    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException garbage) {
            return true;
        }
    }
}
