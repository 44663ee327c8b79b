package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.access.AccessLinks;
import dev.consentvault.core.access.AccessRequestParser;
import dev.consentvault.core.access.TooManyAttemptsException;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.http.ApiRequest;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import dev.consentvault.functions.http.Problem;
import dev.consentvault.functions.snap.Priming;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code POST /v1/access-links} (always 202, the same body: nothing says whether anything is held)
 * and {@code POST /v1/access-sessions} (a link's token or a phone's code, once, for a session's
 * bearer token; anything wrong, used or expired is one 404).
 */
public final class AccessLinksHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    /** The one answer to every access-link request. */
    static final byte[] ACCEPTED =
            ("{\"status\":\"accepted\",\"detail\":\"If we hold data under this address or number,"
                            + " a link (email) or a code (SMS) is on its way; it works for "
                            + AccessLinks.LINK_LIFETIME.toMinutes()
                            + " minutes.\"}")
                    .getBytes(StandardCharsets.UTF_8);

    private static final JsonLog LOG = new JsonLog("access-links");
    private final AccessLinks links;
    private final Optional<String> publicBaseUrl;

    public AccessLinksHandler() {
        this(System.getenv());
    }

    public AccessLinksHandler(Map<String, String> env) {
        this(new Wiring(env));
    }

    /** The handler as Lambda builds it: registered for SnapStart's checkpoint and restore. */
    public AccessLinksHandler(Wiring wiring) {
        this(wiring.accessLinks(), wiring.publicBaseUrl());
        // the runtime holds the handler, so the context's weak reference to it stays alive
        Core.getGlobalContext().register(this);
    }

    public AccessLinksHandler(AccessLinks links, Optional<String> publicBaseUrl) {
        this.links = links;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(
                event,
                context,
                LOG,
                request -> {
                    if ("POST /v1/access-sessions".equals(request.routeKey())) {
                        return redeem(request);
                    }
                    links.send(
                            AccessRequestParser.linkRequest(request.jsonBody()),
                            publicBaseUrl.orElseGet(() -> ownUrl(request)));
                    return ApiResponse.json(202, ACCEPTED);
                });
    }

    private ApiResponse redeem(ApiRequest request) {
        try {
            return links.redeem(AccessRequestParser.redemption(request.jsonBody()))
                    .map(
                            opened -> {
                                ObjectNode json = JsonNodeFactory.instance.objectNode();
                                json.put("sessionToken", opened.token());
                                json.put("expiresAt", opened.expiresAt().toString());
                                return ApiResponse.json(201, Json.bytes(json));
                            })
                    .orElseThrow(Problem::accessNotFound);
        } catch (TooManyAttemptsException locked) {
            throw Problem.codesLocked(locked.retryAfterSeconds());
        }
    }

    /** The API's own URL, when no public base URL is configured. */
    private static String ownUrl(ApiRequest request) {
        String proto = request.header("x-forwarded-proto");
        String host = request.header("host");
        return (proto == null ? "https" : proto) + "://" + (host == null ? "localhost" : host);
    }

    /**
     * Redeems a link token that was never sent: one read, 404, nothing written (a link request
     * would write and send a message, and a code would be counted, so neither is primed).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run(this, Priming.redemptionOfUnknownLink(), 404, 1);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        links.afterRestore();
    }
}
