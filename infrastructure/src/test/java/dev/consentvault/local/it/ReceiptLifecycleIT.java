package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.functions.handler.ViewReceiptHandler;
import dev.consentvault.functions.handler.WithdrawConsentHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A person sees what they agreed to and takes it back; the personal data goes with it. */
class ReceiptLifecycleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloudFixture cloud = LocalCloudFixture.get();
    private final ViewReceiptHandler view = cloud.viewHandler(Clock.systemUTC());
    private final WithdrawConsentHandler withdraw = cloud.withdrawHandler(Clock.systemUTC());

    private JsonNode capture(String body) throws Exception {
        APIGatewayV2HTTPResponse response =
                cloud.captureHandler().handleRequest(cloud.captureEvent(body, Map.of()), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode receipt = JSON.readTree(response.getBody());
        // the person confirms the purposes that wait for it (double opt-in), as they would
        cloud.confirmAll(receipt.get("receiptId").asText(), receipt.get("receiptToken").asText());
        return receipt;
    }

    private Map<String, Map<String, AttributeValue>> partition(String receiptId) {
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        cloud.scanConsentTable().stream()
                .filter(i -> i.get("pk").s().equals("RECEIPT#" + receiptId))
                .forEach(i -> items.put(i.get("sk").s(), i));
        return items;
    }

    @Test
    void theTokenShowsTheReceiptWithMaskedDataAndAnythingElseIsTheSame404() throws Exception {
        Captures person = new Captures();
        JsonNode receipt = capture(person.everyField());
        String id = receipt.get("receiptId").asText();
        String token = receipt.get("receiptToken").asText();

        APIGatewayV2HTTPResponse ok =
                view.handleRequest(cloud.receiptEvent("view-receipt.json", id, token, null), null);
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        JsonNode shown = JSON.readTree(ok.getBody());
        assertEquals(id, shown.get("receiptId").asText());
        assertFalse(shown.has("receiptToken"), "the token is never shown again");
        assertEquals(
                person.email.charAt(0) + "**@example.com",
                shown.at("/piiPrincipal/email").asText());
        assertTrue(shown.at("/piiPrincipal/phone").asText().contains("*"));
        assertFalse(
                ok.getBody().contains(person.email)
                        || ok.getBody().contains(person.phone)
                        || ok.getBody().contains(person.name));
        assertEquals(4, shown.get("purposes").size());

        APIGatewayV2HTTPResponse noToken =
                view.handleRequest(cloud.receiptEvent("view-receipt.json", id, null, null), null);
        APIGatewayV2HTTPResponse wrongToken =
                view.handleRequest(
                        cloud.receiptEvent("view-receipt.json", id, token.substring(1) + "A", null),
                        null);
        APIGatewayV2HTTPResponse unknown =
                view.handleRequest(
                        cloud.receiptEvent(
                                "view-receipt.json", UUID.randomUUID().toString(), token, null),
                        null);
        APIGatewayV2HTTPResponse notAnId =
                view.handleRequest(
                        cloud.receiptEvent("view-receipt.json", "../etc", token, null), null);
        for (APIGatewayV2HTTPResponse response : List.of(noToken, wrongToken, unknown, notAnId)) {
            assertEquals(404, response.getStatusCode());
            assertEquals(noToken.getBody(), response.getBody(), "one answer, whatever is wrong");
        }
    }

    @Test
    void withdrawingDeletesTheFieldsHeldOnlyForThosePurposesAndKeepsAProof() throws Exception {
        Captures person = new Captures();
        JsonNode receipt = capture(person.everyField());
        String id = receipt.get("receiptId").asText();
        String token = receipt.get("receiptToken").asText();
        APIGatewayV2HTTPResponse response =
                withdraw.handleRequest(
                        cloud.receiptEvent(
                                "withdraw-consent.json",
                                id,
                                token,
                                "{\"purposes\": [\"marketing-sms\", \"contest-entry\"]}"),
                        null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode after = JSON.readTree(response.getBody());
        Map<String, String> statuses = new LinkedHashMap<>();
        after.get("purposes")
                .forEach(p -> statuses.put(p.get("purposeId").asText(), p.get("status").asText()));
        assertEquals(
                Map.of(
                        "marketing-email",
                        "GRANTED",
                        "marketing-sms",
                        "WITHDRAWN",
                        "contest-entry",
                        "WITHDRAWN",
                        "personalised-ads",
                        "REFUSED"),
                statuses);
        assertFalse(after.at("/piiPrincipal").has("phone"), "no purpose keeps the phone any more");
        assertFalse(after.at("/piiPrincipal").has("name"));

        Map<String, Map<String, AttributeValue>> items = partition(id);
        assertNull(
                items.get("PURPOSE#marketing-sms").get("sealed"),
                "the phone is gone from the table");
        assertNull(items.get("PURPOSE#contest-entry").get("sealed"));
        assertNotNull(
                items.get("PURPOSE#marketing-email").get("sealed"), "the email is still needed");
        Map<String, AttributeValue> proof = items.get("PURPOSE#marketing-sms");
        assertEquals("WITHDRAWN", proof.get("status").s());
        assertNotNull(proof.get("withdrawnAt"));
        long proofExpiry = Long.parseLong(proof.get("expiresAt").n());
        long threeYears = Instant.now().atOffset(ZoneOffset.UTC).plusYears(3).toEpochSecond();
        assertTrue(
                Math.abs(proofExpiry - threeYears) < 120, "the proof has its own retention (P3Y)");
        assertNull(items.get("RECEIPT").get("phoneKey"), "the phone's subject key goes too");
        assertNotNull(items.get("RECEIPT").get("emailKey"));

        // repeating it changes nothing
        String before = partition(id).toString();
        APIGatewayV2HTTPResponse again =
                withdraw.handleRequest(
                        cloud.receiptEvent(
                                "withdraw-consent.json",
                                id,
                                token,
                                "{\"purposes\": [\"marketing-sms\"]}"),
                        null);
        assertEquals(200, again.getStatusCode());
        assertEquals(before, partition(id).toString());
    }

    @Test
    void withdrawingEverythingLeavesNoPersonalDataUnderTheReceipt() throws Exception {
        JsonNode receipt = capture(new Captures().everyField());
        String id = receipt.get("receiptId").asText();
        String token = receipt.get("receiptToken").asText();

        APIGatewayV2HTTPResponse response =
                withdraw.handleRequest(
                        cloud.receiptEvent("withdraw-consent.json", id, token, "{}"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(0, JSON.readTree(response.getBody()).get("piiPrincipal").size());
        assertFalse(
                cloud.scan("ReceiptKeysTable").stream()
                        .anyMatch(k -> k.get("pk").s().equals("RECEIPT#" + id)),
                "the receipt's key is deleted: copies of its sealed fields are shredded");
        for (Map<String, AttributeValue> item : partition(id).values()) {
            assertFalse(item.containsKey("sealed"), item.get("sk").s());
            assertFalse(
                    item.containsKey("emailKey") || item.containsKey("phoneKey"),
                    item.get("sk").s());
        }
    }

    @Test
    void aWithdrawalNeedsTheTokenAndAValidBody() throws Exception {
        JsonNode receipt = capture(new Captures().emailOnly());
        String id = receipt.get("receiptId").asText();
        String token = receipt.get("receiptToken").asText();

        assertEquals(
                404,
                withdraw.handleRequest(
                                cloud.receiptEvent("withdraw-consent.json", id, "nope", "{}"), null)
                        .getStatusCode());
        APIGatewayV2HTTPResponse unknownPurpose =
                withdraw.handleRequest(
                        cloud.receiptEvent(
                                "withdraw-consent.json",
                                id,
                                token,
                                "{\"purposes\": [\"contest-entry\"]}"),
                        null);
        assertEquals(400, unknownPurpose.getStatusCode());
        assertEquals(
                "purposes[0]",
                JSON.readTree(unknownPurpose.getBody()).at("/errors/0/field").asText());
        assertEquals(
                400,
                withdraw.handleRequest(
                                cloud.receiptEvent(
                                        "withdraw-consent.json",
                                        id,
                                        token,
                                        "{\"purposes\": [], \"reason\": \"x\"}"),
                                null)
                        .getStatusCode());
        assertNotNull(
                partition(id).get("PURPOSE#marketing-email").get("sealed"),
                "nothing was withdrawn");
    }

    @Test
    void expiredButNotYetDeletedItemsAreInvisible() throws Exception {
        JsonNode receipt = capture(new Captures().everyField());
        String id = receipt.get("receiptId").asText();
        String token = receipt.get("receiptToken").asText();

        // 100 days on: contest-entry (P90D) has expired, though DynamoDB's TTL has not removed it
        // yet
        Clock later = Clock.fixed(Instant.now().plus(100, ChronoUnit.DAYS), ZoneOffset.UTC);
        APIGatewayV2HTTPResponse response =
                cloud.viewHandler(later)
                        .handleRequest(
                                cloud.receiptEvent("view-receipt.json", id, token, null), null);
        assertEquals(200, response.getStatusCode());
        JsonNode shown = JSON.readTree(response.getBody());
        List<String> purposes = new java.util.ArrayList<>();
        shown.get("purposes").forEach(p -> purposes.add(p.get("purposeId").asText()));
        assertFalse(purposes.contains("contest-entry"), purposes.toString());
        assertFalse(
                shown.get("piiPrincipal").has("name"), "the name was kept for the contest only");
        assertNotNull(partition(id).get("PURPOSE#contest-entry"), "the item is still in the table");

        // 25 months on, everything has expired: the receipt is gone as far as anyone can tell
        Clock muchLater =
                Clock.fixed(
                        Instant.now().atOffset(ZoneOffset.UTC).plusMonths(25).toInstant(),
                        ZoneOffset.UTC);
        assertEquals(
                404,
                cloud.viewHandler(muchLater)
                        .handleRequest(
                                cloud.receiptEvent("view-receipt.json", id, token, null), null)
                        .getStatusCode());
    }
}
