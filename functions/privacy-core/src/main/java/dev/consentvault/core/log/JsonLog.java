package dev.consentvault.core.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * One JSON line per event on stdout (CloudWatch Logs in Lambda; a file under target/ in the build's
 * tests, see {@link LogSink}), carrying the request id. Callers pass only operational values: ids,
 * purpose ids, status codes, durations, error classes. Never personal data, never request bodies,
 * never exception messages from outside this code base.
 */
public final class JsonLog {

    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static volatile PrintStream out = LogSink.standard();

    private final String component;
    private final Clock clock;

    public JsonLog(String component) {
        this(component, Clock.systemUTC());
    }

    JsonLog(String component, Clock clock) {
        this.component = component;
        this.clock = clock;
    }

    public static void setRequestId(String requestId) {
        if (requestId == null) {
            REQUEST_ID.remove();
        } else {
            REQUEST_ID.set(requestId);
        }
    }

    /**
     * Where log lines go; tests capture them to prove nothing personal is written, and put back the
     * stream this returns.
     */
    public static PrintStream redirect(PrintStream stream) {
        PrintStream previous = out;
        out = stream;
        return previous;
    }

    public void info(String event, Map<String, ?> fields) {
        write("INFO", event, fields);
    }

    public void warn(String event, Map<String, ?> fields) {
        write("WARN", event, fields);
    }

    public void error(String event, Map<String, ?> fields) {
        write("ERROR", event, fields);
    }

    private void write(String level, String event, Map<String, ?> fields) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("component", component);
        line.put("event", event);
        String requestId = REQUEST_ID.get();
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        fields.forEach((k, v) -> line.putPOJO(k, v));
        out.println(Json.text(line));
    }
}
