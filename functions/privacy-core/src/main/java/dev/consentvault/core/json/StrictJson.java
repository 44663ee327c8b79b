package dev.consentvault.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
     * Duplicates are found while the tree is built (a MismatchedInputException, the only one a
     * tree read raises) and trailing text by reading one token past the value, so the three
     * refusals can be told apart: syntax errors are the streaming parser's own exceptions.
     */
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                    .build();

    private StrictJson() {}

    /** The mapper bodies are read with, also fit for writing JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads a request body that must be one JSON object.
     *
     * @param shape what the object should look like, said when the body is some other JSON value
     *     (for example {@code "{} or {\"purposes\": [...]}"})
     */
    public static JsonFields readObject(byte[] body, String shape) {
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(body == null ? new byte[0] : body)) {
            root = MAPPER.readTree(parser);
            if (root != null && hasMore(parser)) {
                throw new InvalidRequestException(
                        "The request body has text after its JSON object; send one JSON object only.");
            }
        } catch (MismatchedInputException duplicate) {
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
