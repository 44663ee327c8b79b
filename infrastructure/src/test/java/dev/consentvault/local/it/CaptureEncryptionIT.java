package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What a capture leaves in DynamoDB: personal data only sealed, and sealed to its own item. */
class CaptureEncryptionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    @Test
    void noItemHoldsPersonalDataInClearAndNoLogLineEither() throws Exception {
        Captures person = new Captures();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream standard =
                JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse response;
        try {
            response =
                    cloud.captureHandler()
                            .handleRequest(cloud.captureEvent(person.everyField(), Map.of()), null);
        } finally {
            JsonLog.redirect(standard);
        }
        assertEquals(201, response.getStatusCode(), response.getBody());
        String receiptId = JSON.readTree(response.getBody()).get("receiptId").asText();

        List<Map<String, AttributeValue>> items =
                cloud.scanConsentTable().stream()
                        .filter(i -> i.get("pk").s().equals("RECEIPT#" + receiptId))
                        .toList();
        assertEquals(5, items.size(), "receipt + 4 decisions");
        List<String> secrets =
                List.of(
                        person.email,
                        person.email.split("@")[0],
                        person.phone,
                        person.phone.substring(1),
                        person.name,
                        person.name.toLowerCase());
        for (Map<String, AttributeValue> item : items) {
            String everything = String.join("\n", flatten(item));
            for (String secret : secrets) {
                assertFalse(
                        everything.contains(secret),
                        item.get("sk").s() + " holds personal data in clear");
            }
        }
        long sealed = items.stream().filter(i -> i.containsKey("sealed")).count();
        assertEquals(
                3,
                sealed,
                "email, sms and contest decisions hold sealed fields; the refused one holds none");
        String logText = logs.toString(StandardCharsets.UTF_8);
        assertTrue(logText.contains("\"status\":201"), "the access line was logged");
        for (String secret : secrets) {
            assertFalse(logText.contains(secret), "a log line holds personal data");
        }
    }

    @Test
    void aCiphertextCopiedOntoAnotherItemDoesNotOpen() throws Exception {
        Captures a = new Captures();
        Captures b = new Captures();
        String receiptA = capture(a.emailOnly());
        String receiptB = capture(b.emailOnly());
        String sk = "PURPOSE#marketing-email";
        byte[] sealedA = item(receiptA, sk).get("sealed").b().asByteArray();

        SystemKeys keys = new SystemKeys(cloud);
        String table = cloud.consentTable();
        byte[] opened =
                keys.open(
                        sealedA,
                        new RecordBinding(table, "RECEIPT#" + receiptA, sk, "sealed"),
                        receiptA);
        assertEquals(
                a.email, JSON.readTree(opened).get("email").asText(), "it opens where it belongs");

        // an attacker with write access to the table moves A's ciphertext onto B's item
        cloud.dynamo()
                .updateItem(
                        r ->
                                r.tableName(table)
                                        .key(
                                                Map.of(
                                                        "pk",
                                                        AttributeValue.fromS("RECEIPT#" + receiptB),
                                                        "sk",
                                                        AttributeValue.fromS(sk)))
                                        .updateExpression("SET sealed = :s")
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":s",
                                                        AttributeValue.fromB(
                                                                software.amazon.awssdk.core.SdkBytes
                                                                        .fromByteArray(sealedA)))));
        byte[] moved = item(receiptB, sk).get("sealed").b().asByteArray();
        assertArrayEquals(sealedA, moved);
        assertThrows(
                DecryptionFailedException.class,
                () ->
                        keys.open(
                                moved,
                                new RecordBinding(table, "RECEIPT#" + receiptB, sk, "sealed"),
                                receiptB));
        assertThrows(
                DecryptionFailedException.class,
                () ->
                        keys.open(
                                sealedA,
                                new RecordBinding(
                                        table,
                                        "RECEIPT#" + receiptA,
                                        "PURPOSE#contest-entry",
                                        "sealed"),
                                receiptA));
    }

    private String capture(String body) throws Exception {
        APIGatewayV2HTTPResponse response =
                cloud.captureHandler().handleRequest(cloud.captureEvent(body, Map.of()), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode receipt = JSON.readTree(response.getBody());
        return receipt.get("receiptId").asText();
    }

    private Map<String, AttributeValue> item(String receiptId, String sk) {
        return cloud.dynamo()
                .getItem(
                        r ->
                                r.tableName(cloud.consentTable())
                                        .consistentRead(true)
                                        .key(
                                                Map.of(
                                                        "pk",
                                                        AttributeValue.fromS(
                                                                "RECEIPT#" + receiptId),
                                                        "sk",
                                                        AttributeValue.fromS(sk))))
                .item();
    }

    /** Every value of an item as text: strings, numbers, and binary read as UTF-8 and Latin-1. */
    private static List<String> flatten(Map<String, AttributeValue> item) {
        List<String> out = new ArrayList<>();
        item.forEach((name, value) -> flatten(value, out));
        return out;
    }

    private static void flatten(AttributeValue value, List<String> out) {
        if (value.s() != null) {
            out.add(value.s());
        } else if (value.n() != null) {
            out.add(value.n());
        } else if (value.b() != null) {
            out.add(new String(value.b().asByteArray(), StandardCharsets.UTF_8));
            out.add(new String(value.b().asByteArray(), StandardCharsets.ISO_8859_1));
        } else if (value.hasL()) {
            value.l().forEach(v -> flatten(v, out));
        } else if (value.hasM()) {
            value.m().values().forEach(v -> flatten(v, out));
        } else if (value.hasSs()) {
            out.addAll(value.ss());
        }
    }
}
