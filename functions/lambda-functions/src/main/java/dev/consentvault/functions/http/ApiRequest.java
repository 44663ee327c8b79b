package dev.consentvault.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.consentvault.core.consent.InvalidRequestException;
import dev.consentvault.core.i18n.Locales;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** An HTTP API (payload format 2.0) request, read the way every handler reads it. */
public final class ApiRequest {

    /** Bodies over 16 KiB are refused before they are parsed. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** Header value; HTTP API lower-cases header names, but a hand-written event may not. */
    public String header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    public String queryParameter(String name) {
        return event.getQueryStringParameters() == null
                ? null
                : event.getQueryStringParameters().get(name);
    }

    /**
     * The supported locale to answer in: {@code ?locale=} when it names one, else the {@code
     * Accept-Language} header's best match, else English.
     */
    public String locale() {
        return Locales.match(queryParameter("locale"))
                .orElseGet(() -> Locales.negotiate(header("accept-language")));
    }

    public String pathParameter(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    /**
     * Global Privacy Control: {@code Sec-GPC: 1}. A header sent twice reaches the function joined
     * with a comma ("1,1"), and still says the same; any other value is not a GPC signal.
     */
    public boolean globalPrivacyControl() {
        String gpc = header("sec-gpc");
        return gpc != null
                && Arrays.stream(gpc.split(",", -1)).allMatch(value -> value.strip().equals("1"));
    }

    /** The body of a JSON request: 415 unless it is JSON, 413 over 16 KiB, 400 when empty. */
    public byte[] jsonBody() {
        String contentType = header("content-type");
        String mediaType =
                contentType == null
                        ? ""
                        : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new Problem(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "Send the request body as JSON with Content-Type: application/json.");
        }
        String raw = event.getBody();
        if (raw == null || raw.isEmpty()) {
            throw new InvalidRequestException("The request body is empty; send a JSON object.");
        }
        if (raw.length() > 2 * MAX_BODY_BYTES + 4) {
            throw tooLarge();
        }
        byte[] body =
                event.getIsBase64Encoded()
                        ? Base64.getDecoder().decode(raw)
                        : raw.getBytes(StandardCharsets.UTF_8);
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private static Problem tooLarge() {
        return new Problem(
                413,
                "payload-too-large",
                "Payload Too Large",
                "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    /** The token of {@code Authorization: Bearer <token>}, or null. */
    public String bearerToken() {
        String authorization = header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /** The body of an optional JSON request: empty when absent, else as {@link #jsonBody()}. */
    public byte[] optionalJsonBody() {
        String raw = event.getBody();
        return raw == null || raw.isEmpty() ? new byte[0] : jsonBody();
    }

    /**
     * The URL this request reached the API at (scheme and host, no path): API Gateway names its
     * domain and forwards the scheme in {@code X-Forwarded-Proto}.
     */
    public String ownBaseUrl() {
        String proto = header("x-forwarded-proto");
        String host =
                event.getRequestContext() == null
                        ? null
                        : event.getRequestContext().getDomainName();
        if (host == null || host.isBlank()) {
            host = header("host");
        }
        if (host == null || host.isBlank()) {
            return null;
        }
        return ("http".equalsIgnoreCase(proto) ? "http" : "https") + "://" + host;
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    public String routeKey() {
        return event.getRouteKey();
    }
}
