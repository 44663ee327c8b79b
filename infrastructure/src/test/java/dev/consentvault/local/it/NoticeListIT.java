package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.functions.Wiring;
import dev.consentvault.support.SupportCli;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code consent-vault-support notice list} against the local cloud: each notice version with its
 * live receipts and how many need re-consent after a material change.
 */
class NoticeListIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloudFixture cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloudFixture.get();
    }

    /** The shipped catalogue plus a version in effect since 2 November, material for email. */
    private static String catalogueWithMaterialChange() throws Exception {
        try (InputStream in = Wiring.class.getResourceAsStream("/purposes.json")) {
            ObjectNode catalogue = (ObjectNode) JSON.readTree(in);
            ObjectNode v2 = JSON.createObjectNode();
            v2.put("version", "2026-11-02");
            v2.put("effective", "2026-11-02");
            v2.put("material", true);
            v2.putArray("affects").add("marketing-email");
            v2.putObject("texts").putObject("en").put("text", "We now email you weekly.");
            ((ArrayNode) catalogue.get("notices")).add(v2);
            return catalogue.toString();
        }
    }

    private static String[] cli(String... args) {
        String[] line = new String[args.length + 6];
        line[0] = "--stack";
        line[1] = cloud.stack.stackName();
        line[2] = "--endpoint-url";
        line[3] = cloud.cloud.endpoint().toString();
        line[4] = "--region";
        line[5] = "us-east-1";
        System.arraycopy(args, 0, line, 6, args.length);
        return line;
    }

    private static Map<String, JsonNode> list(Map<String, String> env, boolean json)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                SupportCli.run(
                        json ? cli("notice", "list", "--json") : cli("notice", "list"),
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        if (json) {
            JSON.readTree(out.toByteArray()).forEach(r -> rows.put(r.get("version").asText(), r));
        } else {
            String table = out.toString(StandardCharsets.UTF_8);
            assertTrue(table.contains("NEED RE-CONSENT"), table);
            assertTrue(table.contains("2026-11-02 (current)"), table);
            assertTrue(table.contains("yes: marketing-email"), table);
        }
        return rows;
    }

    /**
     * Captures and confirms, as the person would: both purposes wait for a double opt-in, and only
     * a granted purpose (not one still pending confirmation) can need re-consent.
     */
    private static void capture(String purposes, String subject) throws Exception {
        APIGatewayV2HTTPResponse response =
                cloud.captureHandler()
                        .handleRequest(
                                cloud.captureEvent(
                                        "{\"subject\": "
                                                + subject
                                                + ", \"purposes\": "
                                                + purposes
                                                + ", \"noticeVersion\": \"2026-11-01\","
                                                + " \"source\": {\"page\": \"notices\"},"
                                                + " \"jurisdiction\": \"SG\"}",
                                        Map.of("idempotency-key", UUID.randomUUID().toString())),
                                null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode receipt = JSON.readTree(response.getBody());
        cloud.confirmAll(receipt.get("receiptId").asText(), receipt.get("receiptToken").asText());
    }

    @Test
    void eachVersionShowsItsLiveReceiptsAndHowManyNeedReConsent() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(cloud.cloud.clientEnvironment());
        env.put("PURPOSES_JSON", catalogueWithMaterialChange());
        Map<String, JsonNode> before = list(env, true);
        assertTrue(before.get("2026-11-02").get("material").asBoolean());
        assertTrue(before.get("2026-11-02").get("current").asBoolean());
        assertFalse(before.get("2026-11-01").get("current").asBoolean());

        Captures person = new Captures();
        capture("{\"marketing-email\": true}", "{\"email\": \"" + person.email + "\"}");
        capture("{\"marketing-sms\": true}", "{\"phone\": \"" + person.phone + "\"}");
        Map<String, JsonNode> after = list(env, true);
        JsonNode was = before.get("2026-11-01");
        JsonNode is = after.get("2026-11-01");
        assertEquals(was.get("liveReceipts").asInt() + 2, is.get("liveReceipts").asInt());
        assertEquals(
                was.get("reconsentRequired").asInt() + 1,
                is.get("reconsentRequired").asInt(),
                "only the receipt granting marketing-email needs re-consent");

        list(env, false);
        Map<String, JsonNode> shipped = list(cloud.cloud.clientEnvironment(), true);
        assertEquals(0, shipped.get("2026-11-01").get("reconsentRequired").asInt());
    }
}
