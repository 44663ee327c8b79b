package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.ViewReceiptHandler;
import dev.consentvault.local.gateway.LocalGateway;
import dev.consentvault.local.gateway.StaticFiles;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 items 3-5 through the functions and the local cloud: PIPL's separate consent, the
 * languages of GET /v1/purposes over HTTP, notice versions checked at capture and a material change
 * asking for consent again.
 */
class LanguagesAndNoticesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCloudFixture cloud;
    private static LocalGateway gateway;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloudFixture.get();
        gateway =
                LocalGateway.start(
                        cloud.stack,
                        cloud.cloud.clientEnvironment(),
                        new InetSocketAddress("127.0.0.1", 0),
                        StaticFiles.none());
        base = URI.create("http://127.0.0.1:" + gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static APIGatewayV2HTTPResponse capture(String body) {
        return cloud.captureHandler()
                .handleRequest(
                        cloud.captureEvent(
                                body, Map.of("idempotency-key", UUID.randomUUID().toString())),
                        null);
    }

    private static String chinaAds(String email, String separate) {
        return "{\"subject\": {\"email\": \""
                + email
                + "\"}, \"purposes\": {\"marketing-email\": true, \"personalised-ads\": true},"
                + " \"noticeVersion\": \"2026-11-01\", \"source\": {\"page\": \"cherries-tmall\"},"
                + " \"jurisdiction\": \"CN\", \"locale\": \"zh-CN\", \"ageConfirmed\": true"
                + (separate == null ? "" : ", \"separateConsents\": " + separate)
                + "}";
    }

    @Test
    void aChineseCaptureWithoutTheSeparateConsentIsRefusedAndWritesNothing() throws Exception {
        Captures person = new Captures();
        int before = cloud.consentItemCount();
        APIGatewayV2HTTPResponse refused = capture(chinaAds(person.email, null));
        assertEquals(400, refused.getStatusCode());
        JsonNode problem = JSON.readTree(refused.getBody());
        assertEquals("separateConsents.personalised-ads", problem.at("/errors/0/field").asText());
        assertTrue(problem.at("/errors/0/message").asText().contains("PIPL Art. 39"));
        assertEquals(before, cloud.consentItemCount(), "nothing was written");
        assertFalse(cloud.scanConsentTable().toString().contains(person.email));

        APIGatewayV2HTTPResponse declined =
                capture(chinaAds(person.email, "{\"personalised-ads\": false}"));
        assertEquals(201, declined.getStatusCode(), declined.getBody());
        JsonNode receipt = JSON.readTree(declined.getBody());
        assertEquals(
                "PENDING_CONFIRMATION",
                receipt.at("/purposes/0/status").asText(),
                "the newsletter is granted, waiting for its double opt-in");
        assertEquals("REFUSED", receipt.at("/purposes/1/status").asText());
        assertEquals("separate-consent-refused", receipt.at("/purposes/1/reason").asText());
        assertEquals("zh-CN", receipt.get("language").asText());
    }

    private static HttpResponse<String> purposes(String query, String acceptLanguage)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/purposes" + query));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePurposesAreServedInChineseSpanishOrEnglishAsAsked() throws Exception {
        HttpResponse<String> zh = purposes("", "zh-CN,zh;q=0.9");
        assertEquals(200, zh.statusCode());
        assertEquals("zh-CN", zh.headers().firstValue("content-language").orElseThrow());
        assertEquals("Accept-Language", zh.headers().firstValue("vary").orElseThrow());
        JsonNode catalogue = JSON.readTree(zh.body());
        assertEquals("通过电子邮件向您发送本品牌的新闻和优惠信息。", catalogue.at("/purposes/0/description").asText());

        HttpResponse<String> es = purposes("?locale=es-CL", "en");
        assertEquals("es", es.headers().firstValue("content-language").orElseThrow());
        assertTrue(
                JSON.readTree(es.body())
                        .at("/purposes/0/description")
                        .asText()
                        .startsWith("Enviarle"));

        HttpResponse<String> unknown = purposes("", "ko-KR");
        assertEquals("en", unknown.headers().firstValue("content-language").orElseThrow());
    }

    @Test
    void anUnknownNoticeVersionIsRefusedAndWritesNothing() throws Exception {
        Captures person = new Captures();
        int before = cloud.consentItemCount();
        APIGatewayV2HTTPResponse refused =
                capture(person.emailOnly().replace("2026-11-01", "2025-01-01"));
        assertEquals(400, refused.getStatusCode());
        JsonNode problem = JSON.readTree(refused.getBody());
        assertEquals("noticeVersion", problem.at("/errors/0/field").asText());
        assertEquals(before, cloud.consentItemCount());
    }

    /** The shipped catalogue with one more notice version: material for marketing-email. */
    private static String catalogueWithMaterialChange() throws Exception {
        try (InputStream in = Wiring.class.getResourceAsStream("/purposes.json")) {
            ObjectNode catalogue = (ObjectNode) JSON.readTree(in);
            ObjectNode v2 = JSON.createObjectNode();
            v2.put("version", "2027-01-01");
            v2.put("effective", "2027-01-01");
            v2.put("material", true);
            v2.putArray("affects").add("marketing-email");
            v2.putObject("texts")
                    .putObject("en")
                    .put("text", "We now also email you our partners' offers.");
            ((com.fasterxml.jackson.databind.node.ArrayNode) catalogue.get("notices")).add(v2);
            return catalogue.toString();
        }
    }

    @Test
    void afterAMaterialChangeTheReceiptSaysConsentMustBeAskedAgain() throws Exception {
        Captures person = new Captures();
        APIGatewayV2HTTPResponse captured = capture(person.emailOnly());
        assertEquals(201, captured.getStatusCode(), captured.getBody());
        JsonNode receipt = JSON.readTree(captured.getBody());
        assertFalse(receipt.get("reconsentRequired").asBoolean());
        assertEquals(64, receipt.get("noticeSha256").asText().length());
        // confirmed, as a subscriber whose consent a later change affects would be (an unconfirmed
        // grant lapses after its confirmation window, long before January)
        cloud.confirmEmailThroughOutbox(receipt.get("receiptId").asText(), person.email);

        Map<String, String> env =
                new LinkedHashMap<>(cloud.functionEnvironment("ViewReceiptFunction"));
        env.put("PURPOSES_JSON", catalogueWithMaterialChange());
        Clock january = Clock.fixed(Instant.parse("2027-01-15T10:00:00Z"), ZoneOffset.UTC);
        ViewReceiptHandler view =
                new ViewReceiptHandler(new Wiring(env, List.of(), january).receipts());
        APIGatewayV2HTTPResponse viewed =
                view.handleRequest(
                        cloud.receiptEvent(
                                "view-receipt.json",
                                receipt.get("receiptId").asText(),
                                receipt.get("receiptToken").asText(),
                                null),
                        null);
        assertEquals(200, viewed.getStatusCode(), viewed.getBody());
        JsonNode after = JSON.readTree(viewed.getBody());
        assertTrue(after.get("reconsentRequired").asBoolean());
        assertTrue(after.at("/purposes/0/reconsentRequired").asBoolean());
    }
}
