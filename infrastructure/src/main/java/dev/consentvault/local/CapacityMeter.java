package dev.consentvault.local;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * Adds up the write units DynamoDB reports for each TransactWriteItems (the capture asks for them
 * with ReturnConsumedCapacity INDEXES): per table and per global secondary index, keyed "table" or
 * "table/index". On AWS these are DynamoDB's own figures; the local cloud computes them by the same
 * rules (infrastructure/local_moto.py).
 */
public final class CapacityMeter implements ExecutionInterceptor {

    private final Map<String, Double> units = new TreeMap<>();
    private int transactions;

    @Override
    public synchronized void afterExecution(
            Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof TransactWriteItemsResponse response)) {
            return;
        }
        transactions++;
        for (ConsumedCapacity c : response.consumedCapacity()) {
            String table = shortName(c.tableName());
            if (c.table() != null) {
                units.merge(table, c.table().capacityUnits(), Double::sum);
            }
            c.globalSecondaryIndexes()
                    .forEach(
                            (index, cap) ->
                                    units.merge(
                                            table + "/" + index, cap.capacityUnits(), Double::sum));
        }
    }

    /** The stack's table name less its stack prefix: "consents", "receipt-keys". */
    private static String shortName(String table) {
        int dash = table.indexOf("-consents");
        if (dash >= 0) {
            return table.substring(dash + 1);
        }
        dash = table.indexOf("-receipt-keys");
        return dash >= 0 ? table.substring(dash + 1) : table;
    }

    public synchronized Map<String, Double> snapshot() {
        return new TreeMap<>(units);
    }

    public synchronized double total() {
        return units.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public synchronized int transactions() {
        return transactions;
    }

    public synchronized void reset() {
        units.clear();
        transactions = 0;
    }
}
