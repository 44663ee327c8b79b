package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.consentvault.core.config.Settings;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.purpose.CatalogueJson;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code GET /v1/purposes}: the public catalogue, so a landing page can show an honest notice
 * before it asks. Rendered once per container; cacheable by browsers and CDNs, with an ETag for
 * revalidation.
 */
public final class ListPurposesHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final JsonLog LOG = new JsonLog("list-purposes");
    private final byte[] body;
    private final String etag;

    public ListPurposesHandler() {
        this(System.getenv());
    }

    public ListPurposesHandler(Map<String, String> env) {
        this.body =
                CatalogueJson.write(new Settings(env).purposes())
                        .toString()
                        .getBytes(StandardCharsets.UTF_8);
        try {
            this.etag =
                    "\""
                            + HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(body),
                                            0,
                                            16)
                            + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(
                event,
                context,
                LOG,
                request -> {
                    ApiResponse response =
                            etag.equals(request.header("if-none-match"))
                                    ? new ApiResponse(304, Map.of(), new byte[0])
                                    : ApiResponse.json(200, body);
                    return response.withHeader("cache-control", "public, max-age=300")
                            .withHeader("etag", etag);
                });
    }
}
