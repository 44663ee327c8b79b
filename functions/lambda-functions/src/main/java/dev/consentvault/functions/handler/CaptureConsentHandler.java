package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.consentvault.core.consent.CaptureResult;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.CaptureScreen;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.functions.Background;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import dev.consentvault.functions.snap.Priming;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code POST /v1/consents}: records a person's consent and answers 201 with the receipt. Under
 * SnapStart it primes itself before the snapshot and takes fresh secrets after each restore.
 */
public final class CaptureConsentHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    private static final JsonLog LOG = new JsonLog("capture-consent");
    // nothing leaves the JVM while priming, so repeat it until the hot path is compiled
    private static final int PRIMING_CAPTURES = 200;
    private final ConsentCapture capture;
    private final Supplier<ConsentStore> primingStore;
    private final Supplier<SubjectKeys> indexKey;
    private final CaptureScreen screen;

    public CaptureConsentHandler() {
        this(System.getenv());
    }

    public CaptureConsentHandler(Map<String, String> env) {
        this(Wiring.forCapture(env));
    }

    /** The handler as Lambda builds it: registered for SnapStart's checkpoint and restore. */
    public CaptureConsentHandler(Wiring wiring) {
        this(wiring.capture(), wiring::dryRunStore, wiring::indexKey, wiring.captureScreen());
        // the runtime holds the handler, so the context's weak reference to it stays alive
        Core.getGlobalContext().register(this);
    }

    /**
     * @param primingStore what priming writes to, built only when priming (it must keep nothing)
     * @param indexKey unwraps the index key again after a restore
     */
    public CaptureConsentHandler(
            ConsentCapture capture,
            Supplier<ConsentStore> primingStore,
            Supplier<SubjectKeys> indexKey) {
        this(capture, primingStore, indexKey, null);
    }

    /**
     * @param screen flags marketing captures of suppressed identifiers; null when switched off
     */
    public CaptureConsentHandler(
            ConsentCapture capture,
            Supplier<ConsentStore> primingStore,
            Supplier<SubjectKeys> indexKey,
            CaptureScreen screen) {
        this.capture = capture;
        this.primingStore = primingStore;
        this.indexKey = indexKey;
        this.screen = screen;
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
                                    request.globalPrivacyControl(),
                                    request.ownBaseUrl());
                    if (screen != null && !result.replayed()) {
                        screen.screen(
                                request.jsonBody(), result.responseBody(), result.receiptId());
                    }
                    // 202: held on the capture buffer, readable once the drainer has written it
                    return ApiResponse.json(result.held() ? 202 : 201, result.responseBody())
                            .withHeader("location", "/v1/receipts/" + result.receiptId())
                            .withHeader("idempotent-replayed", Boolean.toString(result.replayed()));
                });
    }

    /**
     * Runs a made-up capture through this handler's code, on throwaway keys and the store that
     * keeps nothing (in Lambda, the real adapter on a client that sends nothing).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        ConsentStore discarding = primingStore.get();
        Priming.run(
                new CaptureConsentHandler(capture.primer(discarding), () -> discarding, indexKey),
                Priming.post("/v1/consents", capture.primingRequest()),
                201,
                PRIMING_CAPTURES);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // the index key is unwrapped again while the first data key is generated
        capture.afterRestore(Background.start("index-key", indexKey));
    }
}
