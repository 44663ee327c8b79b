package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.config.Settings;
import dev.consentvault.core.i18n.Locales;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.privacy.JurisdictionsJson;
import dev.consentvault.core.purpose.CatalogueJson;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code GET /v1/purposes}: the public catalogue, so a landing page can show an honest notice
 * before it asks, with each supported jurisdiction's law and age of digital consent (the form asks
 * "I am N or older" where there is one) and the notice versions. In the language asked ({@code
 * ?locale=} or {@code Accept-Language}, English when none is supported), said in {@code
 * Content-Language}. Rendered once per container, locale and UTC day (each language when first
 * asked for; all of them before a SnapStart snapshot); cacheable by browsers and CDNs ({@code Vary:
 * Accept-Language}), with an ETag for revalidation.
 */
public final class ListPurposesHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    private static final JsonLog LOG = new JsonLog("list-purposes");
    private final Map<String, ObjectNode> catalogue = new ConcurrentHashMap<>();
    private final PurposeCatalogue purposes;
    private final Jurisdictions jurisdictions;
    private final Clock clock;
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    /** The body for one UTC day: a jurisdiction's rule (and age) can change at midnight. */
    private record Rendered(LocalDate day, byte[] body, String etag) {}

    public ListPurposesHandler() {
        this(System.getenv());
    }

    public ListPurposesHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    ListPurposesHandler(Map<String, String> env, Clock clock) {
        Settings settings = new Settings(env);
        // parsed and checked now: a bad catalogue or pack stops the function at start
        this.purposes = settings.purposes();
        this.jurisdictions = settings.jurisdictions();
        this.clock = clock;
        // the handler as Lambda builds it: SnapStart renders every language before the snapshot
        Core.getGlobalContext().register(this);
    }

    /**
     * Before a SnapStart snapshot: every language rendered for today, so no restored copy renders
     * one on a person's request. Without SnapStart each language is rendered when first asked for
     * (one at the first answer, not four at start).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        LocalDate today = LocalDate.now(clock);
        for (String locale : Locales.SUPPORTED) {
            rendered.put(locale, render(locale, today));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing secret or unique is kept: the catalogue is public; a new day re-renders
    }

    private Rendered render(String locale, LocalDate day) {
        ObjectNode json =
                catalogue.computeIfAbsent(locale, l -> CatalogueJson.write(purposes, l)).deepCopy();
        json.set(
                "jurisdictions",
                JurisdictionsJson.write(
                        jurisdictions, day.atStartOfDay(ZoneOffset.UTC).toInstant()));
        jurisdictions.fallback().ifPresent(f -> json.put("fallbackJurisdiction", f));
        byte[] body = Json.bytes(json);
        try {
            String etag =
                    "\""
                            + HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(body),
                                            0,
                                            16)
                            + "\"";
            return new Rendered(day, body, etag);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LocalDate today = LocalDate.now(clock);
        return HttpApi.handle(
                event,
                context,
                LOG,
                request -> {
                    String locale = request.locale();
                    Rendered current =
                            rendered.compute(
                                    locale,
                                    (l, r) ->
                                            r != null && r.day().equals(today)
                                                    ? r
                                                    : render(l, today));
                    ApiResponse response =
                            current.etag().equals(request.header("if-none-match"))
                                    ? new ApiResponse(304, Map.of(), new byte[0])
                                    : ApiResponse.json(200, current.body());
                    // caches keep one answer per language asked
                    return response.withHeader("cache-control", "public, max-age=300")
                            .withHeader("etag", current.etag())
                            .withHeader("content-language", locale)
                            .withHeader("vary", "Accept-Language");
                });
    }
}
