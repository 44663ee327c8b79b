package dev.consentvault.local.it;

import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes some SDK operations fail at once (an unreachable service) or hang (a service that never
 * answers: the request sleeps until the client's API call timeout gives up on it), while armed.
 * Counts the calls it caught.
 */
final class InjectedFault implements ExecutionInterceptor {

    enum Mode {
        FAIL,
        HANG
    }

    private final Mode mode;
    private final Set<String> operations;
    volatile boolean armed;
    volatile int caught;

    InjectedFault(Mode mode, Set<String> operations) {
        this.mode = mode;
        this.operations = operations;
    }

    @Override
    public void beforeTransmission(
            Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!armed
                || !operations.contains(
                        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return;
        }
        caught++;
        if (mode == Mode.HANG) {
            try {
                // far past the client's timeout, which interrupts the call
                Thread.sleep(120_000);
            } catch (InterruptedException timedOut) {
                Thread.currentThread().interrupt();
            }
        }
        throw SdkClientException.create(
                "injected "
                        + mode
                        + " of "
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
}
