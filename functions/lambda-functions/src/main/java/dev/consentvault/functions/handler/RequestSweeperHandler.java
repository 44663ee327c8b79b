package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.RequestDispatch;
import dev.consentvault.functions.Wiring;
import java.util.Map;

/**
 * The outbox sweeper, on a schedule: queues every privacy request still pending after the grace
 * period (its stream record lost or out of retries). Fails the invocation when any could not be
 * queued, so the error alarm fires while they wait for the next sweep.
 */
public final class RequestSweeperHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final RequestDispatch dispatch;

    public RequestSweeperHandler() {
        this(System.getenv());
    }

    public RequestSweeperHandler(Map<String, String> env) {
        this(new Wiring(env).requestDispatch());
    }

    public RequestSweeperHandler(RequestDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduled, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        try {
            return Map.of("dispatched", dispatch.sweep());
        } finally {
            JsonLog.setRequestId(null);
        }
    }
}
