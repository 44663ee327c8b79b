package dev.consentvault.local.gateway;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.consentvault.local.cloud.LocalCloud;
import java.nio.charset.StandardCharsets;

/** The Lambda context a locally hosted handler sees. */
public record LocalContext(
        String awsRequestId,
        String functionName,
        int timeoutSeconds,
        long deadlineMillis,
        String accountId)
        implements Context {

    public static LocalContext of(
            String requestId, String functionName, int timeoutSeconds, String accountId) {
        return new LocalContext(
                requestId,
                functionName,
                timeoutSeconds,
                System.currentTimeMillis() + timeoutSeconds * 1000L,
                accountId);
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:"
                + LocalCloud.REGION
                + ":"
                + accountId
                + ":function:"
                + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
