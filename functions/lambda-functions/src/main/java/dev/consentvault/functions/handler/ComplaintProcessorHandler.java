package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.ComplaintProcessing;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.sqs.SqsBatch;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * The complaints queue: sorts and opens each complaint; an erasure complaint files a deletion too.
 */
public final class ComplaintProcessorHandler
        implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {

    private final ComplaintProcessing complaints;
    private final Supplier<SubjectKeys> indexKey;
    private final SqsBatch batch;

    public ComplaintProcessorHandler() {
        this(System.getenv());
    }

    public ComplaintProcessorHandler(Map<String, String> env) {
        this(new Wiring(env));
    }

    /** The handler as Lambda builds it: registered for SnapStart's checkpoint and restore. */
    public ComplaintProcessorHandler(Wiring wiring) {
        this(wiring.complaints(), wiring::indexKey);
        // the runtime holds the handler, so the context's weak reference to it stays alive
        Core.getGlobalContext().register(this);
    }

    /**
     * @param indexKey unwraps the index key again after a restore
     */
    public ComplaintProcessorHandler(
            ComplaintProcessing complaints, Supplier<SubjectKeys> indexKey) {
        this.complaints = complaints;
        this.indexKey = indexKey;
        this.batch = new SqsBatch(new JsonLog("complaint-processor"), complaints::process);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, context);
    }

    /** Nothing to prime without writing: a complaint's only path files it. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {}

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        complaints.afterRestore(indexKey.get());
    }
}
