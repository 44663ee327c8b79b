package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.report.ReportRun;
import dev.consentvault.functions.Wiring;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The monthly review report, from its EventBridge Scheduler schedule (the 1st of each month: last
 * month's report). An input {@code {"month": "YYYY-MM"}} writes that month's instead. A failure is
 * thrown, so the schedule's retry policy and the error alarm see it.
 */
public final class MonthlyReportHandler implements RequestHandler<Map<String, Object>, String> {

    private static final JsonLog LOG = new JsonLog("monthly-report");
    private final ReportRun run;

    public MonthlyReportHandler() {
        this(System.getenv());
    }

    public MonthlyReportHandler(Map<String, String> env) {
        this(new Wiring(env).monthlyReport());
    }

    public MonthlyReportHandler(ReportRun run) {
        this.run = run;
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        Object asked = input == null ? null : input.get("month");
        YearMonth month = asked == null ? run.lastMonth() : YearMonth.parse(asked.toString());
        List<String> written = run.write(month);
        LOG.info("report-written", Map.of("month", month.toString(), "objects", written));
        JsonLog.setRequestId(null);
        return String.join(" ", written);
    }
}
