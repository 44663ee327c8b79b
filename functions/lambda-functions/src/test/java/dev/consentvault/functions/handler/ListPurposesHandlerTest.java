package dev.consentvault.functions.handler;

import static dev.consentvault.functions.handler.InMemoryServices.json;
import static dev.consentvault.functions.handler.InMemoryServices.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/** {@code GET /v1/purposes} from the sample event: the default catalogue, cacheable. */
class ListPurposesHandlerTest {

    private final ListPurposesHandler handler = new ListPurposesHandler(Map.of());

    @ParameterizedTest
    @Event(value = "events/list-purposes.json", type = APIGatewayV2HTTPEvent.class)
    void theCatalogueIsPublicAndRevalidatedByItsETag(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(200, response.getStatusCode());
        assertEquals("public, max-age=300", response.getHeaders().get("cache-control"));
        String etag = response.getHeaders().get("etag");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        List<String> ids = new ArrayList<>();
        for (JsonNode purpose : json(response).get("purposes")) {
            ids.add(purpose.get("id").asText());
        }
        assertEquals(
                List.of(
                        "marketing-email",
                        "marketing-sms",
                        "personalised-ads",
                        "analytics",
                        "contest-entry"),
                ids);

        APIGatewayV2HTTPResponse revalidated =
                handler.handleRequest(withHeader(event, "if-none-match", etag), null);
        assertEquals(304, revalidated.getStatusCode());
        assertEquals("", revalidated.getBody());
        assertEquals(etag, revalidated.getHeaders().get("etag"));

        APIGatewayV2HTTPResponse stale =
                handler.handleRequest(withHeader(event, "if-none-match", "\"old\""), null);
        assertEquals(200, stale.getStatusCode());
    }
}
