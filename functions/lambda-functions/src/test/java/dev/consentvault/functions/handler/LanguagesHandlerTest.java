package dev.consentvault.functions.handler;

import static dev.consentvault.functions.handler.InMemoryServices.json;
import static dev.consentvault.functions.handler.InMemoryServices.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The language of the answers: {@code GET /v1/purposes} and problem+json follow {@code
 * Accept-Language} (the catalogue also {@code ?locale=}), English when nothing asked is supported.
 */
class LanguagesHandlerTest {

    private final ListPurposesHandler purposes = new ListPurposesHandler(Map.of());
    private final InMemoryServices services = new InMemoryServices();

    private static String description(JsonNode catalogue, String id) {
        for (JsonNode p : catalogue.get("purposes")) {
            if (p.get("id").asText().equals(id)) {
                return p.get("description").asText();
            }
        }
        throw new AssertionError(id);
    }

    @ParameterizedTest
    @Event(value = "events/list-purposes.json", type = APIGatewayV2HTTPEvent.class)
    void theCatalogueAnswersInTheLanguageAskedAndSaysSo(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse english = purposes.handleRequest(event, null);
        assertEquals("en", english.getHeaders().get("content-language"));
        assertEquals("Accept-Language", english.getHeaders().get("vary"));

        APIGatewayV2HTTPResponse chinese =
                purposes.handleRequest(
                        withHeader(event, "accept-language", "zh-CN,zh;q=0.9,en;q=0.5"), null);
        assertEquals(200, chinese.getStatusCode());
        assertEquals("zh-CN", chinese.getHeaders().get("content-language"));
        JsonNode zh = json(chinese);
        assertEquals("zh-CN", zh.get("locale").asText());
        assertEquals("通过电子邮件向您发送本品牌的新闻和优惠信息。", description(zh, "marketing-email"));
        assertTrue(zh.at("/notices/0/text").asText().startsWith("Example Brand 仅将"));
        assertEquals("zh-CN", zh.at("/notices/0/locale").asText());
        assertNotEquals(
                english.getHeaders().get("etag"),
                chinese.getHeaders().get("etag"),
                "one ETag per language");

        APIGatewayV2HTTPResponse unknown =
                purposes.handleRequest(withHeader(event, "accept-language", "fr-FR,de"), null);
        assertEquals("en", unknown.getHeaders().get("content-language"));
        assertEquals(
                "Send you news and offers about this brand by email.",
                description(json(unknown), "marketing-email"));
    }

    @ParameterizedTest
    @Event(value = "events/list-purposes.json", type = APIGatewayV2HTTPEvent.class)
    void theLocaleParameterWinsOverTheHeader(APIGatewayV2HTTPEvent event) {
        event.setQueryStringParameters(Map.of("locale", "pt-BR"));
        APIGatewayV2HTTPResponse response =
                purposes.handleRequest(withHeader(event, "accept-language", "es"), null);
        assertEquals("pt-BR", response.getHeaders().get("content-language"));
        assertEquals(
                "Enviar a você novidades e ofertas desta marca por e-mail.",
                description(json(response), "marketing-email"));
        JsonNode cn = json(response).get("jurisdictions").get("CN");
        assertTrue(cn.get("separateConsent").asBoolean(), "the page asks CN's separate consent");
    }

    @ParameterizedTest
    @Event(value = "events/capture-consent-unknown-field.json", type = APIGatewayV2HTTPEvent.class)
    void problemsAreExplainedInTheLanguageAsked(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse spanish =
                services.captureHandler()
                        .handleRequest(
                                withHeader(event, "accept-language", "es-CL,es;q=0.9"), null);
        assertEquals(400, spanish.getStatusCode());
        assertEquals("es", spanish.getHeaders().get("content-language"));
        JsonNode problem = json(spanish);
        assertEquals("Solicitud no válida", problem.get("title").asText());
        assertTrue(problem.get("detail").asText().contains("No se registró nada"));
        assertEquals("favouriteColour", problem.at("/errors/0/field").asText());

        APIGatewayV2HTTPResponse unknown =
                services.captureHandler()
                        .handleRequest(withHeader(event, "accept-language", "ja-JP"), null);
        assertEquals("en", unknown.getHeaders().get("content-language"));
        assertEquals("Bad Request", json(unknown).get("title").asText());
    }

    private static String messageFor(JsonNode problem, String field) {
        for (JsonNode error : problem.get("errors")) {
            if (error.get("field").asText().equals(field)) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError(field + " not in " + problem);
    }

    /**
     * The field messages of a 400 follow the language asked, beside the same machine-readable
     * {@code field}; the person's values are never in them.
     */
    @ParameterizedTest
    @Event(value = "events/capture-consent-unknown-field.json", type = APIGatewayV2HTTPEvent.class)
    void fieldMessagesAreInTheLanguageAsked(APIGatewayV2HTTPEvent event) {
        Map<String, String[]> expected =
                Map.of(
                        "zh-CN,zh;q=0.9",
                        new String[] {"zh-CN", "此 API 不接受该字段", "不接受该字段；仅接受 email、phone 和 name"},
                        "es-CL",
                        new String[] {
                            "es",
                            "no es aceptado por esta API",
                            "no se acepta; solo se aceptan email, phone y name"
                        },
                        "pt-BR",
                        new String[] {
                            "pt-BR",
                            "não é aceito por esta API",
                            "não é aceito; só são aceitos email, phone e name"
                        },
                        "en-US",
                        new String[] {
                            "en",
                            "is not accepted by this API",
                            "is not accepted; only email, phone and name are"
                        });
        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            APIGatewayV2HTTPResponse answer =
                    services.captureHandler()
                            .handleRequest(withHeader(event, "accept-language", e.getKey()), null);
            assertEquals(400, answer.getStatusCode(), e.getKey());
            assertEquals(e.getValue()[0], answer.getHeaders().get("content-language"));
            JsonNode problem = json(answer);
            assertEquals(e.getValue()[1], messageFor(problem, "favouriteColour"), e.getKey());
            assertEquals(e.getValue()[2], messageFor(problem, "subject.birthday"), e.getKey());
            String text = problem.toString();
            assertFalse(text.contains("\"red\"") || text.contains("1990"), text);
            assertFalse(text.contains("ana@example.com"), text);
        }
    }

    /** A run-time value in a message (the supported codes) is kept as it is, not translated. */
    @ParameterizedTest
    @Event(value = "events/capture-consent.json", type = APIGatewayV2HTTPEvent.class)
    void runTimeValuesInFieldMessagesStayAsTheyAre(APIGatewayV2HTTPEvent event) {
        event.setBody(
                event.getBody().replace("\"jurisdiction\": \"EU\"", "\"jurisdiction\": \"XX\""));
        String english =
                messageFor(
                        json(services.captureHandler().handleRequest(event, null)), "jurisdiction");
        String supported = english.substring(english.indexOf("supported: ") + 11);
        assertTrue(supported.contains("CN") && supported.contains("US-CA"), english);
        APIGatewayV2HTTPResponse chinese =
                services.captureHandler()
                        .handleRequest(withHeader(event, "accept-language", "zh-CN"), null);
        assertEquals("zh-CN", chinese.getHeaders().get("content-language"));
        assertEquals("不是受支持的司法管辖区；受支持的有：" + supported, messageFor(json(chinese), "jurisdiction"));
        APIGatewayV2HTTPResponse portuguese =
                services.captureHandler()
                        .handleRequest(withHeader(event, "accept-language", "pt-BR"), null);
        assertEquals(
                "não é uma jurisdição suportada; são suportadas: " + supported,
                messageFor(json(portuguese), "jurisdiction"));
    }

    /** Random bytes where a language or a separate consent goes: never a 5xx, never an echo. */
    @ParameterizedTest
    @Event(value = "events/capture-consent.json", type = APIGatewayV2HTTPEvent.class)
    void fuzzedLanguagesAndSeparateConsentsAreAnsweredCleanly(APIGatewayV2HTTPEvent event) {
        java.util.Random random = new java.util.Random(10);
        String alphabet = "abcdefghijklmnopqrstuvwxyzAZ-_;=,.*0123456789 \"{}[]:\\\u00e9\u4e2d";
        String body = event.getBody();
        for (int i = 0; i < 300; i++) {
            StringBuilder noise = new StringBuilder();
            for (int c = random.nextInt(40); c > 0; c--) {
                noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String header = noise.toString();
            APIGatewayV2HTTPEvent list = new APIGatewayV2HTTPEvent();
            list.setHeaders(Map.of("accept-language", header));
            list.setQueryStringParameters(Map.of("locale", header));
            APIGatewayV2HTTPResponse catalogue = purposes.handleRequest(list, null);
            assertEquals(200, catalogue.getStatusCode(), header);
            assertTrue(
                    java.util.List.of("en", "es", "zh-CN", "pt-BR")
                            .contains(catalogue.getHeaders().get("content-language")),
                    header);
            String value =
                    switch (i % 4) {
                        case 0 ->
                                com.fasterxml.jackson.databind.node.TextNode.valueOf(header)
                                        .toString();
                        case 1 -> "{\"personalised-ads\": " + random.nextInt() + "}";
                        case 2 ->
                                "{"
                                        + com.fasterxml.jackson.databind.node.TextNode.valueOf(
                                                header)
                                        + ": true}";
                        default -> "[true]";
                    };
            event.setBody(
                    body.replaceFirst(
                            "\\{",
                            "{\"separateConsents\": "
                                    + java.util.regex.Matcher.quoteReplacement(value)
                                    + ", "));
            APIGatewayV2HTTPResponse answer =
                    services.captureHandler()
                            .handleRequest(withHeader(event, "accept-language", header), null);
            assertEquals(400, answer.getStatusCode(), value + " -> " + answer.getBody());
        }
    }

    @ParameterizedTest
    @Event(value = "events/view-receipt.json", type = APIGatewayV2HTTPEvent.class)
    void notFoundIsAnsweredInChineseToo(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response =
                new ViewReceiptHandler(services.receipts())
                        .handleRequest(withHeader(event, "accept-language", "zh-CN"), null);
        assertEquals(404, response.getStatusCode());
        assertEquals("未找到", json(response).get("title").asText());
        assertEquals("zh-CN", response.getHeaders().get("content-language"));
    }
}
