package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.consentvault.core.consent.HeldCaptures;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.sqs.SqsBatch;
import java.util.Map;

/**
 * The capture buffer queue: writes each capture that was held while the consent table throttled,
 * exactly as the capture would have written it. A message whose write is still throttled comes back
 * (partial batch failure), and after five tries lands in the DLQ, whose alarm pages. Nothing is
 * kept between invocations but clients and the data key cache, so it needs no SnapStart hooks.
 */
public final class DrainHeldCapturesHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatch batch;

    public DrainHeldCapturesHandler() {
        this(System.getenv());
    }

    public DrainHeldCapturesHandler(Map<String, String> env) {
        this(new Wiring(env));
    }

    public DrainHeldCapturesHandler(Wiring wiring) {
        this(wiring.heldCaptures(), wiring.store());
    }

    public DrainHeldCapturesHandler(HeldCaptures held, ConsentStore store) {
        this.batch =
                new SqsBatch(new JsonLog("drain-held-captures"), body -> held.drain(body, store));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, context);
    }
}
