package dev.consentvault.local.it;

import java.util.Set;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes the named operations hang, as a dependency that stops answering does: far longer than any
 * function's timeout, until the SDK gives up on the call (it interrupts the calling thread).
 */
public final class HangingOperation implements ExecutionInterceptor {

    private final Set<String> operations;
    volatile boolean armed;

    public HangingOperation(String... operations) {
        this.operations = Set.of(operations);
    }

    @Override
    public void beforeTransmission(
            Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (armed
                && operations.contains(
                        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AbortedException.create("the hung call was abandoned", e);
            }
        }
    }
}
