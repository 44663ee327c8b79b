package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.ComplaintProcessing;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.sqs.SqsBatch;
import java.util.Map;

/**
 * The complaints queue: sorts and opens each complaint; an erasure complaint files a deletion too.
 */
public final class ComplaintProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatch batch;

    public ComplaintProcessorHandler() {
        this(System.getenv());
    }

    public ComplaintProcessorHandler(Map<String, String> env) {
        this(new Wiring(env).complaints());
    }

    public ComplaintProcessorHandler(ComplaintProcessing complaints) {
        this.batch = new SqsBatch(new JsonLog("complaint-processor"), complaints::process);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, context);
    }
}
