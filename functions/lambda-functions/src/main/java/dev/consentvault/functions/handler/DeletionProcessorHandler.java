package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.sqs.SqsBatch;
import java.util.Map;

/** The deletion-requests queue: erases each subject, idempotent on the request id. */
public final class DeletionProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatch batch;

    public DeletionProcessorHandler() {
        this(System.getenv());
    }

    public DeletionProcessorHandler(Map<String, String> env) {
        this(new Wiring(env).erasure());
    }

    public DeletionProcessorHandler(Erasure erasure) {
        this.batch = new SqsBatch(new JsonLog("deletion-processor"), erasure::process);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, context);
    }
}
