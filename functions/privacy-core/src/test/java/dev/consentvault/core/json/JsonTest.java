package dev.consentvault.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Json} reads what Jackson's ObjectMapper reads into the same tree and writes the same
 * bytes, without building a mapper; a repeated field is refused.
 */
class JsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SAMPLE =
            "{\"s\":\"ñandú 数据 \\\"q\\\" \\\\ \\u0001 </script>\",\"i\":42,\"l\":12345678901,"
                    + "\"big\":123456789012345678901234567890,\"d\":-1.5e-3,\"t\":true,\"f\":false,"
                    + "\"n\":null,\"a\":[1,\"x\",{\"k\":[]}],\"o\":{\"nested\":{}}}";

    @Test
    void readsAndWritesAsTheObjectMapperDoes() throws IOException {
        JsonNode ours = Json.read(SAMPLE);
        JsonNode theirs = MAPPER.readTree(SAMPLE);

        assertEquals(theirs, ours);
        assertEquals(MAPPER.writeValueAsString(theirs), Json.text(ours));
        assertEquals(
                MAPPER.writeValueAsString(theirs),
                new String(Json.bytes(ours), StandardCharsets.UTF_8));
        assertEquals(ours, Json.read(SAMPLE.getBytes(StandardCharsets.UTF_8)));
        assertTrue(
                ours.get("i").isInt() && ours.get("l").isLong() && ours.get("big").isBigInteger());
        assertTrue(ours.get("d").isDouble());
    }

    @Test
    void aRepeatedFieldIsRefusedWithoutNamingIt() {
        Json.DuplicateFieldException refused =
                assertThrows(
                        Json.DuplicateFieldException.class,
                        () -> Json.read("{\"a\":{\"email\":1,\"email\":2}}"));
        assertTrue(!refused.getOriginalMessage().contains("email"), refused.getMessage());
    }

    @Test
    void nothingToReadIsAMissingNodeAndBadJsonAnError() throws IOException {
        assertTrue(Json.read("").isMissingNode());
        assertTrue(Json.read(new byte[0]).isMissingNode());
        assertThrows(IOException.class, () -> Json.read("{\"a\":"));
        assertThrows(IOException.class, () -> Json.read("{'a':1}"));
    }

    @Test
    void logValuesAreWrittenAsJson() throws IOException {
        ObjectNode line = Json.object();
        line.putPOJO("count", 3);
        line.putPOJO("ok", true);
        line.putPOJO("share", 0.25);
        line.putPOJO("codes", List.of("a", "b"));
        line.putPOJO("by", Map.of("k", 1));
        line.putPOJO("kind", Thread.State.NEW);
        line.putPOJO("none", null);

        assertEquals(
                "{\"count\":3,\"ok\":true,\"share\":0.25,\"codes\":[\"a\",\"b\"],"
                        + "\"by\":{\"k\":1},\"kind\":\"NEW\",\"none\":null}",
                Json.text(line));
        assertEquals(MAPPER.readTree(Json.text(line)), Json.read(Json.text(line)));
    }
}
