package dev.consentvault.core.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * CloudWatch metrics in the Embedded Metric Format: one JSON line on stdout ({@link LogSink}),
 * which Lambda's log delivery turns into metrics with no API call. Dimensions are aggregates
 * (purpose, kind), never people.
 */
public final class EmfMetrics {

    public static final String NAMESPACE = "ConsentVault";
    private static volatile PrintStream out = LogSink.standard();

    private final Clock clock;

    public EmfMetrics(Clock clock) {
        this.clock = clock;
    }

    /** Where metric lines go (tests capture them); returns the stream to put back. */
    public static PrintStream redirect(PrintStream stream) {
        PrintStream previous = out;
        out = stream;
        return previous;
    }

    public void count(String metric, Map<String, String> dimensions, long value) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        dimensions.forEach(line::put);
        line.put(metric, value);
        out.println(Json.text(line));
    }
}
