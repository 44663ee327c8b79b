package dev.consentvault.local.gateway;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTTP API's CorsConfiguration, applied the way API Gateway applies it. */
record Cors(
        List<String> allowOrigins,
        List<String> allowMethods,
        List<String> allowHeaders,
        List<String> exposeHeaders,
        Integer maxAge) {

    static Cors none() {
        return new Cors(List.of(), List.of(), List.of(), List.of(), null);
    }

    static Cors from(Map<?, ?> configuration) {
        return new Cors(
                strings(configuration.get("AllowOrigins")),
                strings(configuration.get("AllowMethods")),
                strings(configuration.get("AllowHeaders")),
                strings(configuration.get("ExposeHeaders")),
                configuration.get("MaxAge") == null
                        ? null
                        : Integer.valueOf(String.valueOf(configuration.get("MaxAge"))));
    }

    private static List<String> strings(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private boolean allows(String origin) {
        return origin != null && (allowOrigins.contains("*") || allowOrigins.contains(origin));
    }

    /**
     * Answers a preflight: 204, with the CORS headers only when origin, method and headers are
     * allowed.
     */
    int preflight(String origin, Headers request, Headers response) {
        String method = request.getFirst("Access-Control-Request-Method");
        String headers = request.getFirst("Access-Control-Request-Headers");
        boolean methodAllowed =
                method != null
                        && allowMethods.stream()
                                .anyMatch(m -> m.equalsIgnoreCase(method) || m.equals("*"));
        boolean headersAllowed =
                headers == null
                        || headers.isBlank()
                        || List.of(headers.split("\\s*,\\s*")).stream()
                                .allMatch(
                                        h ->
                                                allowHeaders.contains("*")
                                                        || allowHeaders.contains(
                                                                h.toLowerCase(Locale.ROOT)));
        if (allows(origin) && methodAllowed && headersAllowed) {
            response.set("Access-Control-Allow-Origin", origin);
            response.set("Access-Control-Allow-Methods", String.join(",", allowMethods));
            response.set("Access-Control-Allow-Headers", String.join(",", allowHeaders));
            if (maxAge != null) {
                response.set("Access-Control-Max-Age", maxAge.toString());
            }
            response.set("Vary", "Origin");
        }
        return 204;
    }

    void decorate(String origin, Headers response) {
        if (allows(origin)) {
            response.set("Access-Control-Allow-Origin", origin);
            response.set("Vary", "Origin");
            if (!exposeHeaders.isEmpty()) {
                response.set("Access-Control-Expose-Headers", String.join(",", exposeHeaders));
            }
        }
    }
}
