package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.ConfirmationPage;
import dev.consentvault.core.consent.Confirmations;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.store.ConfirmationLockedException;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.http.ApiRequest;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import dev.consentvault.functions.http.Problem;
import dev.consentvault.functions.snap.Priming;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * Double opt-in: {@code GET /v1/receipts/{receiptId}/confirmations/{token}} shows the page with the
 * button (and confirms nothing), {@code POST} to the same address confirms; {@code POST
 * /v1/receipts/{receiptId}/confirmations} with the receipt's bearer token and {@code {"code"}}
 * confirms by SMS code. Wrong, expired and used links and codes are one identical 404; a locked
 * code is 423.
 */
public final class ConfirmConsentHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    static final String LINK_PAGE = "GET /v1/receipts/{receiptId}/confirmations/{token}";
    static final String LINK_CONFIRM = "POST /v1/receipts/{receiptId}/confirmations/{token}";
    static final String CODE_CONFIRM = "POST /v1/receipts/{receiptId}/confirmations";

    private static final JsonLog LOG = new JsonLog("confirm-consent");
    // the page holds a one-time token in its address: not framed, not cached, never in a Referer
    private static final Map<String, String> PAGE_HEADERS =
            Map.of(
                    "content-type", "text/html; charset=utf-8",
                    "content-security-policy",
                            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
                                    + " frame-ancestors 'none'",
                    "x-frame-options", "DENY",
                    "referrer-policy", "no-referrer");

    private final Confirmations confirmations;
    private final ConfirmationPage page;
    private final Supplier<SubjectKeys> indexKey;

    public ConfirmConsentHandler() {
        this(System.getenv());
    }

    public ConfirmConsentHandler(Map<String, String> env) {
        this(new Wiring(env));
    }

    /** The handler as Lambda builds it: registered for SnapStart's checkpoint and restore. */
    public ConfirmConsentHandler(Wiring wiring) {
        this(wiring.confirmations(), wiring.confirmationPage(), wiring::indexKey);
        // the runtime holds the handler, so the context's weak reference to it stays alive
        Core.getGlobalContext().register(this);
    }

    /**
     * @param indexKey unwraps the index key again after a SnapStart restore
     */
    public ConfirmConsentHandler(
            Confirmations confirmations, ConfirmationPage page, Supplier<SubjectKeys> indexKey) {
        this.confirmations = confirmations;
        this.page = page;
        this.indexKey = indexKey;
    }

    /**
     * Opens the page of a link for a receipt that does not exist: one read, no write, the 404 page
     * (codes are not primed: a wrong code is counted, which is a write).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run(this, Priming.confirmationLinkOfUnknownReceipt(), 404, 1);
    }

    /** The index key (SMS codes are keyed with it) is not reused from the snapshot. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        confirmations.afterRestore(indexKey.get());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(event, context, LOG, this::answer);
    }

    private ApiResponse answer(ApiRequest request) {
        String receiptId = request.pathParameter("receiptId");
        String route = request.routeKey() == null ? "" : request.routeKey();
        switch (route) {
            case LINK_PAGE:
                return confirmations
                        .byLink(receiptId, request.pathParameter("token"))
                        .map(p -> html(page.ask(p)))
                        .orElseThrow(Problem::confirmationNotFound);
            case LINK_CONFIRM:
                return confirmations
                        .confirmByLink(receiptId, request.pathParameter("token"))
                        .map(
                                p ->
                                        fromTheForm(request)
                                                ? html(page.confirmed(p))
                                                : confirmedJson(receiptId, p))
                        .orElseThrow(Problem::confirmationNotFound);
            case CODE_CONFIRM:
                try {
                    return confirmations
                            .confirmByCode(receiptId, request.bearerToken(), request.jsonBody())
                            .map(ApiResponse::receipt)
                            .orElseThrow(Problem::confirmationNotFound);
                } catch (ConfirmationLockedException locked) {
                    throw Problem.confirmationLocked();
                }
            default:
                throw Problem.confirmationNotFound();
        }
    }

    /** The page's own button posts a form; an API client gets JSON. */
    private static boolean fromTheForm(ApiRequest request) {
        String type = request.header("content-type");
        return type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static ApiResponse html(String html) {
        return new ApiResponse(200, PAGE_HEADERS, html.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiResponse confirmedJson(String receiptId, Confirmations.Pending pending) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("receiptId", receiptId);
        json.put("confirmed", true);
        pending.purposeDescriptions().forEach(json.putArray("purposes")::add);
        return ApiResponse.json(200, Json.bytes(json));
    }
}
