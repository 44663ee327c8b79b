package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jurisdiction packs through the functions and the local cloud: each code's deletion clock as
 * the person is told it (202 dueAt) and as stored, unsupported codes refused, under-age consent
 * refused with nothing personal stored.
 */
class JurisdictionPacksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate CHILE_REFORM = LocalDate.parse("2026-12-01");
    private static LocalCloudFixture cloud;
    private static PrivacyRequestHandler api;
    private static DynamoPrivacyRequestStore requests;

    @BeforeAll
    static void start() {
        cloud = LocalCloudFixture.get();
        api = new PrivacyRequestHandler(cloud.functionEnvironment("PrivacyRequestFunction"));
        requests =
                new DynamoPrivacyRequestStore(
                        new AwsClients(cloud.cloud.clientEnvironment()).dynamoDb(),
                        cloud.stack.physicalId("PrivacyRequestsTable"));
    }

    private static APIGatewayV2HTTPResponse capture(String body) {
        return cloud.captureHandler()
                .handleRequest(
                        cloud.captureEvent(
                                body, Map.of("idempotency-key", UUID.randomUUID().toString())),
                        null);
    }

    private static String body(String jurisdiction, String subjectAndPurposes, String age) {
        return "{"
                + subjectAndPurposes
                + ", \"noticeVersion\": \"2026-11-01\", \"source\": {\"page\": \"packs\"},"
                + " \"jurisdiction\": \""
                + jurisdiction
                + "\""
                + (age == null ? "" : ", \"ageConfirmed\": " + age)
                + "}";
    }

    private static String emailFor(String email) {
        return "\"subject\": {\"email\": \""
                + email
                + "\"}, \"purposes\": {\"marketing-email\": true}";
    }

    /** Captures a receipt in a jurisdiction, then files its deletion with its token. */
    private static PrivacyRequest deletionIn(String captureBody) throws Exception {
        APIGatewayV2HTTPResponse captured = capture(captureBody);
        assertEquals(201, captured.getStatusCode(), captured.getBody());
        JsonNode receipt = JSON.readTree(captured.getBody());
        APIGatewayV2HTTPResponse accepted =
                api.handleRequest(
                        cloud.bearerEvent(
                                "privacy-request-deletion.json",
                                receipt.get("receiptToken").asText(),
                                "{\"type\": \"deletion\", \"receiptId\": \""
                                        + receipt.get("receiptId").asText()
                                        + "\"}"),
                        null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        JsonNode filed = JSON.readTree(accepted.getBody());
        PrivacyRequest stored = requests.find(filed.get("requestId").asText()).orElseThrow();
        assertEquals(stored.dueAt(), Instant.parse(filed.get("dueAt").asText()));
        return stored;
    }

    @Test
    void aBrazilianDeletionIsDueInFifteenDays() throws Exception {
        PrivacyRequest r = deletionIn(body("BR", emailFor(new Captures().email), "true"));
        assertEquals(LegalRegime.LGPD, r.regime());
        assertEquals(
                r.receivedAt().atOffset(ZoneOffset.UTC).plusDays(15).toInstant(),
                r.dueAt(),
                "LGPD Art. 19 II");
    }

    @Test
    void aBritishDeletionIsDueInOneCalendarMonth() throws Exception {
        PrivacyRequest r = deletionIn(body("GB", emailFor(new Captures().email), "true"));
        assertEquals(LegalRegime.UK_GDPR, r.regime());
        assertEquals(r.receivedAt().atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(), r.dueAt());
    }

    @Test
    void aChileanDeletionRunsOnTheLawInForceTheDayItIsReceived() throws Exception {
        // every purpose refused: no age is asked under either Chilean law, so this body works on
        // both sides of the reform
        PrivacyRequest r =
                deletionIn(body("CL", "\"purposes\": {\"marketing-email\": false}", null));
        OffsetDateTime received = r.receivedAt().atOffset(ZoneOffset.UTC);
        if (received.toLocalDate().isBefore(CHILE_REFORM)) {
            assertEquals(LegalRegime.CL_19628, r.regime());
            OffsetDateTime due = received;
            for (int counted = 0; counted < 2; ) {
                due = due.plusDays(1);
                if (due.getDayOfWeek() != DayOfWeek.SATURDAY
                        && due.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    counted++;
                }
            }
            assertEquals(due.toInstant(), r.dueAt(), "Ley 19.628 Art. 16: two business days");
        } else {
            assertEquals(LegalRegime.CL_21719, r.regime());
            assertEquals(received.plusDays(30).toInstant(), r.dueAt(), "Ley 21.719: 30 days");
        }
    }

    @Test
    void anUnsupportedCodeIsRefusedAtCaptureAndAtPrivacyRequests() throws Exception {
        int before = cloud.consentItemCount();
        APIGatewayV2HTTPResponse refused =
                capture(body("US-NY", emailFor(new Captures().email), "true"));
        assertEquals(400, refused.getStatusCode());
        JsonNode problem = JSON.readTree(refused.getBody());
        assertEquals("jurisdiction", problem.at("/errors/0/field").asText());
        assertTrue(problem.at("/errors/0/message").asText().contains("BR, CL, CN"));
        assertEquals(before, cloud.consentItemCount(), "nothing was written");

        APIGatewayV2HTTPResponse complaint =
                api.handleRequest(
                        cloud.bearerEvent(
                                "privacy-request-deletion.json",
                                null,
                                "{\"type\": \"complaint\", \"message\": \"hello\","
                                        + " \"contact\": \"a@example.com\", \"jurisdiction\": \"XX\"}"),
                        null);
        assertEquals(400, complaint.getStatusCode());
        JsonNode p = JSON.readTree(complaint.getBody());
        assertEquals("jurisdiction", p.at("/errors/0/field").asText());
        assertTrue(p.at("/errors/0/message").asText().contains("US-CA"));
    }

    @Test
    void anUnderAgeCaptureInChinaKeepsNothingPersonalAndSaysAGuardianMustConsent()
            throws Exception {
        Captures person = new Captures();
        APIGatewayV2HTTPResponse missing = capture(body("CN", emailFor(person.email), null));
        assertEquals(400, missing.getStatusCode());
        assertTrue(
                JSON.readTree(missing.getBody())
                        .at("/errors/0/message")
                        .asText()
                        .contains("14 or older"));

        APIGatewayV2HTTPResponse captured = capture(body("CN", emailFor(person.email), "false"));
        assertEquals(201, captured.getStatusCode(), captured.getBody());
        JsonNode receipt = JSON.readTree(captured.getBody());
        assertTrue(receipt.get("guardianConsentRequired").asBoolean());
        assertEquals("REFUSED", receipt.at("/purposes/0/status").asText());
        assertEquals("under-age", receipt.at("/purposes/0/reason").asText());
        String raw = cloud.scanConsentTable().toString().toLowerCase();
        assertTrue(!raw.contains(person.email), "the child's email is not stored");
    }
}
