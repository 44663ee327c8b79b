package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.consentvault.core.consent.CaptureResult;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import java.util.Map;

/** {@code POST /v1/consents}: records a person's consent and answers 201 with the receipt. */
public final class CaptureConsentHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final JsonLog LOG = new JsonLog("capture-consent");
    private final ConsentCapture capture;

    public CaptureConsentHandler() {
        this(System.getenv());
    }

    public CaptureConsentHandler(Map<String, String> env) {
        this(new Wiring(env).capture());
    }

    public CaptureConsentHandler(ConsentCapture capture) {
        this.capture = capture;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(
                event,
                context,
                LOG,
                request -> {
                    CaptureResult result =
                            capture.capture(
                                    request.jsonBody(),
                                    request.header("idempotency-key"),
                                    request.globalPrivacyControl());
                    return ApiResponse.json(201, result.responseBody())
                            .withHeader("location", "/v1/receipts/" + result.receiptId())
                            .withHeader("idempotent-replayed", Boolean.toString(result.replayed()));
                });
    }
}
