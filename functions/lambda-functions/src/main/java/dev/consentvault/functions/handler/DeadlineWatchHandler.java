package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.DeadlineWatch;
import dev.consentvault.functions.Wiring;
import java.util.Map;

/**
 * The daily deadline watch, on a schedule: emits how many open privacy requests are due within 3
 * days and how many are overdue (counts only); the alarms on those metrics tell staff.
 */
public final class DeadlineWatchHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DeadlineWatch watch;

    public DeadlineWatchHandler() {
        this(System.getenv());
    }

    public DeadlineWatchHandler(Map<String, String> env) {
        this(new Wiring(env).deadlineWatch());
    }

    public DeadlineWatchHandler(DeadlineWatch watch) {
        this.watch = watch;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduled, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        try {
            DeadlineWatch.Tally tally = watch.check();
            return Map.of("dueSoon", tally.dueSoon(), "overdue", tally.overdue());
        } finally {
            JsonLog.setRequestId(null);
        }
    }
}
