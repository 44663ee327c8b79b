package dev.consentvault.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests AWS clients send, by "Service.Operation" ("DynamoDb.TransactWriteItems").
 * Counted per HTTP attempt, so SDK retries count too: budgets are measured, not guessed.
 */
public final class AwsRequestCounter implements ExecutionInterceptor {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(
            Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String key =
                attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
                        + "."
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    public int count(String serviceAndOperation) {
        AtomicInteger count = counts.get(serviceAndOperation);
        return count == null ? 0 : count.get();
    }

    /** All requests to one service ("DynamoDb", "Kms"). */
    public int service(String service) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith(service + "."))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    public void reset() {
        counts.clear();
    }

    public Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
