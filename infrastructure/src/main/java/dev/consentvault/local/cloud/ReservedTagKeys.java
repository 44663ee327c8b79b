package dev.consentvault.local.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Refuses, as AWS and LocalStack do, any request that sets a tag key starting with {@code aws:}
 * (reserved for AWS). moto accepts such keys, so without this a local run on moto would pass what
 * fails on every other cloud. Installed on every SDK client of this module's JVMs (the local run,
 * the integration tests) through {@code software/amazon/awssdk/global/handlers/
 * execution.interceptors}; the Lambda artifact does not contain it.
 */
public final class ReservedTagKeys implements ExecutionInterceptor {

    static final String RESERVED_PREFIX = "aws:";

    @Override
    public void beforeExecution(
            Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        List<String> reserved =
                tagKeys(context.request()).stream()
                        .filter(key -> key.regionMatches(true, 0, RESERVED_PREFIX, 0, 4))
                        .toList();
        if (reserved.isEmpty()) {
            return;
        }
        String message =
                "Tag keys starting with \"aws:\" are reserved for AWS use and cannot be set: "
                        + String.join(", ", reserved);
        throw AwsServiceException.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(
                        AwsErrorDetails.builder()
                                .errorCode("ValidationException")
                                .errorMessage(message)
                                .serviceName(
                                        executionAttributes.getAttribute(
                                                SdkExecutionAttribute.SERVICE_NAME))
                                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build())
                                .build())
                .build();
    }

    /**
     * The keys of every "Tags" member of a request, whichever shape the service gives it: a list of
     * {Key|TagKey, Value} structures (KMS, DynamoDB, CloudWatch) or a map (SQS, CloudWatch Logs).
     */
    static List<String> tagKeys(Object request) {
        List<String> keys = new ArrayList<>();
        if (!(request instanceof SdkPojo pojo)) {
            return keys;
        }
        for (SdkField<?> field : pojo.sdkFields()) {
            if (!field.memberName().equalsIgnoreCase("Tags")) {
                continue;
            }
            Object value = field.getValueOrDefault(request);
            if (value instanceof Map<?, ?> map) {
                map.keySet().forEach(key -> keys.add(String.valueOf(key)));
            } else if (value instanceof List<?> list) {
                for (Object tag : list) {
                    if (tag instanceof SdkPojo structure) {
                        for (SdkField<?> member : structure.sdkFields()) {
                            if (member.memberName().equals("Key")
                                    || member.memberName().equals("TagKey")) {
                                Object key = member.getValueOrDefault(tag);
                                if (key != null) {
                                    keys.add(String.valueOf(key));
                                }
                            }
                        }
                    }
                }
            }
        }
        return keys;
    }
}
