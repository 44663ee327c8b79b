package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.local.gateway.LocalGateway;
import dev.consentvault.local.gateway.StaticFiles;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end over HTTP: a landing page's requests through the local gateway to the handlers. */
class LocalGatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalGateway gateway;
    private static URI base;
    private static LocalCloudFixture cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloudFixture.get();
        gateway =
                LocalGateway.start(
                        cloud.stack,
                        cloud.cloud.clientEnvironment(),
                        new InetSocketAddress("127.0.0.1", 0),
                        StaticFiles.demo(cloud.root));
        base = URI.create("http://127.0.0.1:" + gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> post(
            String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .header("content-type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLandingPageRecordsConsentAndGetsItsReceipt() throws Exception {
        HttpResponse<String> response =
                post(
                        "/v1/consents",
                        "application/json",
                        new Captures().everyField(),
                        "Idempotency-Key",
                        UUID.randomUUID().toString(),
                        "Origin",
                        "http://localhost:3000");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode receipt = JSON.readTree(response.body());
        assertTrue(
                response.headers()
                        .firstValue("location")
                        .orElseThrow()
                        .endsWith(receipt.get("receiptId").asText()));
        assertEquals(
                "http://localhost:3000",
                response.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertTrue(
                response.headers()
                        .firstValue("access-control-expose-headers")
                        .orElseThrow()
                        .contains("location"));
    }

    @Test
    void corsPreflightAllowsConfiguredOriginsOnly() throws Exception {
        HttpRequest.Builder preflight =
                HttpRequest.newBuilder(base.resolve("/v1/consents"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Access-Control-Request-Method", "POST")
                        .header(
                                "Access-Control-Request-Headers",
                                "content-type,idempotency-key,sec-gpc");
        HttpResponse<String> allowed =
                HTTP.send(
                        preflight.copy().header("Origin", "http://127.0.0.1:3000").build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(204, allowed.statusCode());
        assertEquals(
                "http://127.0.0.1:3000",
                allowed.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertTrue(
                allowed.headers()
                        .firstValue("access-control-allow-headers")
                        .orElseThrow()
                        .contains("idempotency-key"));

        HttpResponse<String> foreign =
                HTTP.send(
                        preflight.copy().header("Origin", "https://evil.example").build(),
                        HttpResponse.BodyHandlers.ofString());
        assertFalse(foreign.headers().firstValue("access-control-allow-origin").isPresent());
    }

    @Test
    void badRequestsGetProblemDetailsAndUnknownRoutes404() throws Exception {
        HttpResponse<String> form = post("/v1/consents", "text/plain", "hello");
        assertEquals(415, form.statusCode());
        assertEquals(
                "application/problem+json",
                form.headers().firstValue("content-type").orElseThrow());

        HttpResponse<String> large =
                post(
                        "/v1/consents",
                        "application/json",
                        "{\"x\":\"" + "a".repeat(17 * 1024) + "\"}");
        assertEquals(413, large.statusCode());

        HttpResponse<String> broken = post("/v1/consents", "application/json", "{\"subject\":");
        assertEquals(400, broken.statusCode());
        assertEquals(
                "urn:consent-vault:problem:invalid-request",
                JSON.readTree(broken.body()).get("type").asText());

        for (HttpResponse<String> unmatched :
                List.of(
                        post("/v1/nothing-here", "application/json", "{}"),
                        get("/v1/consents"),
                        get("/v1/nothing-here"))) {
            assertEquals(404, unmatched.statusCode());
            assertEquals(
                    "application/problem+json",
                    unmatched.headers().firstValue("content-type").orElseThrow());
            JsonNode problem = JSON.readTree(unmatched.body());
            assertEquals("urn:consent-vault:problem:not-found", problem.get("type").asText());
            assertEquals(404, problem.get("status").asInt());
        }
    }

    @Test
    void aPrivacyRequestThatIsNotStrictJsonIs400AndRecordsNothing() throws Exception {
        String contact = new Captures().email;
        String complaint =
                "{\"type\": \"complaint\", \"message\": \"Stop emailing me\", \"contact\": \""
                        + contact
                        + "\"}";
        int before = cloud.scan("PrivacyRequestsTable").size();
        for (String body :
                List.of(
                        complaint.replace("\"message\"", "\"type\": \"deletion\", \"message\""),
                        complaint + " {\"type\": \"deletion\"}",
                        complaint + "}",
                        complaint.replace("\"Stop emailing me\"", "42"),
                        "{\"type\": \"complaint\", \"receiptId\": \""
                                + UUID.randomUUID()
                                + "\", \"message\": \"Stop emailing me\"}")) {
            HttpResponse<String> response = post("/v1/privacy-requests", "application/json", body);
            assertEquals(400, response.statusCode(), body);
            assertEquals(
                    "application/problem+json",
                    response.headers().firstValue("content-type").orElseThrow());
            assertEquals(
                    "urn:consent-vault:problem:invalid-request",
                    JSON.readTree(response.body()).get("type").asText());
            assertFalse(response.body().contains(contact), "nothing sent is echoed");
        }
        assertEquals(before, cloud.scan("PrivacyRequestsTable").size(), "no request was recorded");

        // the same complaint, well-formed, is recorded: the refusals were about the body alone
        assertEquals(202, post("/v1/privacy-requests", "application/json", complaint).statusCode());
        assertEquals(before + 1, cloud.scan("PrivacyRequestsTable").size());
    }

    @Test
    void aSecGpcHeaderSentTwiceStillRefusesSaleAndSharing() throws Exception {
        String body =
                """
                {"subject": {"email": "%s"}, "purposes": {"marketing-email": true, "personalised-ads": true},
                 "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok"}, "jurisdiction": "EU", "ageConfirmed": true}
                """
                        .formatted(new Captures().email);
        HttpResponse<String> response =
                post("/v1/consents", "application/json", body, "Sec-GPC", "1", "Sec-GPC", "1");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode receipt = JSON.readTree(response.body());
        assertTrue(receipt.get("globalPrivacyControl").asBoolean());
        for (JsonNode purpose : receipt.get("purposes")) {
            if (purpose.get("purposeId").asText().equals("personalised-ads")) {
                assertEquals("REFUSED", purpose.get("status").asText());
                assertEquals("gpc", purpose.get("reason").asText());
            }
        }
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePurposesCatalogueIsPublicAndCacheable() throws Exception {
        HttpResponse<String> response = get("/v1/purposes");
        assertEquals(200, response.statusCode());
        assertEquals(
                "public, max-age=300",
                response.headers().firstValue("cache-control").orElseThrow());
        JsonNode catalogue = JSON.readTree(response.body());
        assertEquals(5, catalogue.get("purposes").size());
        JsonNode ads = catalogue.get("purposes").get(2);
        assertEquals("personalised-ads", ads.get("id").asText());
        assertTrue(ads.get("saleOrSharing").asBoolean());
        assertEquals("P13M", ads.get("retention").asText());

        String etag = response.headers().firstValue("etag").orElseThrow();
        assertEquals(304, get("/v1/purposes", "If-None-Match", etag).statusCode());
    }

    @Test
    void aPersonSeesAndWithdrawsTheirConsentOverHttp() throws Exception {
        JsonNode receipt =
                JSON.readTree(
                        post("/v1/consents", "application/json", new Captures().everyField())
                                .body());
        String id = receipt.get("receiptId").asText();
        String bearer = "Bearer " + receipt.get("receiptToken").asText();

        HttpResponse<String> view = get("/v1/receipts/" + id, "Authorization", bearer);
        assertEquals(200, view.statusCode(), view.body());
        assertEquals("no-store", view.headers().firstValue("cache-control").orElseThrow());
        assertEquals(404, get("/v1/receipts/" + id).statusCode());

        HttpResponse<String> withdrawn =
                post(
                        "/v1/receipts/" + id + "/withdrawals",
                        "application/json",
                        "{}",
                        "Authorization",
                        bearer);
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        JsonNode after = JSON.readTree(withdrawn.body());
        after.get("purposes")
                .forEach(
                        p ->
                                assertTrue(
                                        List.of("WITHDRAWN", "REFUSED")
                                                .contains(p.get("status").asText())));
        assertEquals(0, after.get("piiPrincipal").size());
    }

    @Test
    void onlyTheDemoPageAndConsentJsAreServed() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("/demo.js") && page.body().contains("/consent.js"));
        // the three entry pages share the demo's layout script (it builds the kit's form) and look
        for (Map.Entry<String, String> shared :
                Map.of(
                                "/consent.js", "text/javascript",
                                "/demo.js", "text/javascript",
                                "/demo.css", "text/css")
                        .entrySet()) {
            HttpResponse<String> file = get(shared.getKey());
            assertEquals(200, file.statusCode(), shared.getKey());
            assertTrue(
                    file.headers()
                            .firstValue("content-type")
                            .orElseThrow()
                            .startsWith(shared.getValue()),
                    shared.getKey());
        }
        assertTrue(get("/demo.js").body().contains("data-consent-vault"));
        for (String hiddenPath :
                List.of(
                        "/../pom.xml",
                        "/%2e%2e/pom.xml",
                        "/test/landing-page.test.mjs",
                        "/test/run",
                        "/package.json",
                        "/package-lock.json",
                        "/demo/index.html",
                        "/demo/demo.js",
                        "/docs/receipt.png",
                        "/consent.js/")) {
            HttpResponse<String> hidden = get(hiddenPath);
            assertEquals(404, hidden.statusCode(), hiddenPath);
            assertFalse(hidden.body().contains("node:test"), hiddenPath);
        }
    }
}
