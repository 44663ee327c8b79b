package dev.consentvault.aws;

import dev.consentvault.core.TimeBudget;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Fits every SDK call (retries included) into the invocation's {@link TimeBudget}: its API call
 * timeout becomes the client's, cut to what the budget has left. With too little left the call is
 * not sent and fails as a timed-out call would, so each adapter's usual handling of an unavailable
 * dependency applies. Outside an invocation (init, staff tools) the client's timeout stands.
 */
final class BudgetedCalls implements ExecutionInterceptor {

    private final Duration clientTimeout;

    BudgetedCalls(Duration clientTimeout) {
        this.clientTimeout = clientTimeout;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        Optional<TimeBudget> budget = TimeBudget.current();
        if (budget.isEmpty() || !(context.request() instanceof AwsRequest request)) {
            return context.request();
        }
        Duration timeout =
                budget.get()
                        .forCall(clientTimeout)
                        .orElseThrow(
                                () ->
                                        ApiCallTimeoutException.create(
                                                "not sent: the invocation's time budget is spent"));
        AwsRequestOverrideConfiguration.Builder override =
                request.overrideConfiguration()
                        .map(AwsRequestOverrideConfiguration::toBuilder)
                        .orElseGet(AwsRequestOverrideConfiguration::builder);
        return request.toBuilder()
                .overrideConfiguration(override.apiCallTimeout(timeout).build())
                .build();
    }
}
