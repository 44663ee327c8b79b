package dev.consentvault.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonLogTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final JsonLog log =
            new JsonLog(
                    "consent-api",
                    Clock.fixed(Instant.parse("2026-01-31T10:00:00Z"), ZoneOffset.UTC));

    private PrintStream standard;

    @BeforeEach
    void captureOutput() {
        standard = JsonLog.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        JsonLog.redirect(standard);
        JsonLog.setRequestId(null);
    }

    private List<JsonNode> lines() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String out = captured.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : out.split("\n")) {
            lines.add(mapper.readTree(line));
        }
        return lines;
    }

    @Test
    void eachEventIsOneJsonLineWithTheRequestId() throws Exception {
        JsonLog.setRequestId("req-7f3a");
        log.info("consent.captured", Map.of("status", 201, "purposes", List.of("marketing-email")));

        JsonNode line = lines().get(0);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("consent.captured", line.get("event").asText());
        assertEquals("req-7f3a", line.get("requestId").asText());
        assertEquals("consent-api", line.get("component").asText());
        assertEquals("2026-01-31T10:00:00Z", line.get("timestamp").asText());
        assertEquals(201, line.get("status").asInt());
        assertEquals("marketing-email", line.at("/purposes/0").asText());
    }

    @Test
    void levelsAndRequestIdsFollowEachCall() throws Exception {
        JsonLog.setRequestId("req-1");
        log.warn("consent.replayed", Map.of());
        JsonLog.setRequestId(null);
        log.error("store.unavailable", Map.of("error", "StorageUnavailableException"));

        List<JsonNode> lines = lines();
        assertEquals(2, lines.size());
        assertEquals("WARN", lines.get(0).get("level").asText());
        assertEquals("req-1", lines.get(0).get("requestId").asText());
        assertEquals("ERROR", lines.get(1).get("level").asText());
        assertFalse(lines.get(1).has("requestId"));
    }

    @Test
    void valuesAreEscapedSoALineCannotBeForged() throws Exception {
        log.info("request.rejected", Map.of("field", "x\"}\n{\"level\":\"ERROR"));
        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        assertEquals("INFO", lines.get(0).get("level").asText());
    }
}
