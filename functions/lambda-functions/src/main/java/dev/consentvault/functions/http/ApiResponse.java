package dev.consentvault.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.consentvault.core.consent.Receipt;
import dev.consentvault.core.consent.ReceiptJson;
import dev.consentvault.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers; {@link HttpApi} adds the common headers. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, Map.of("content-type", "application/json"), body);
    }

    /** A receipt as the receipt routes answer it: 200 with its JSON ({@link ReceiptJson}). */
    public static ApiResponse receipt(Receipt receipt) {
        return json(200, Json.bytes(ReceiptJson.write(receipt)));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }

    APIGatewayV2HTTPResponse toEvent() {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("cache-control", "no-store");
        all.put("x-content-type-options", "nosniff");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }
}
