package dev.consentvault.functions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.consentvault.core.TimeBudget;

/** The time budget of one invocation, from what its Lambda context says is left. */
public final class InvocationBudget {

    private InvocationBudget() {}

    /** Null without a context (a handler called directly): the clients' own timeouts apply. */
    public static TimeBudget of(Context context) {
        return context == null ? null : TimeBudget.ofRemaining(context.getRemainingTimeInMillis());
    }
}
