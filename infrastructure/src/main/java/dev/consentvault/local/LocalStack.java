package dev.consentvault.local;

import dev.consentvault.local.template.Intrinsics;
import dev.consentvault.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack as provisioned on the local cloud: template, physical ids, and the intrinsic evaluator.
 */
public record LocalStack(
        SamTemplate template,
        String stackName,
        Intrinsics intrinsics,
        Map<String, String> physicalIds,
        Map<String, String> attributes) {

    public String physicalId(String logicalId) {
        String id = physicalIds.get(logicalId);
        if (id == null) {
            throw new IllegalArgumentException(logicalId + " was not provisioned");
        }
        return id;
    }

    /** The account the local cloud put in its ARNs (moto's, LocalStack's or a real one). */
    public String accountId() {
        return intrinsics.resolveString(Map.of("Ref", "AWS::AccountId"));
    }

    /**
     * The environment a function of the template runs with locally: its (and Globals') variables
     * with intrinsics evaluated, over the local cloud's client settings, and the function name the
     * Lambda runtime sets.
     */
    public Map<String, String> functionEnvironment(
            String logicalId, Map<String, String> cloudEnvironment) {
        Map<String, String> env = new LinkedHashMap<>(cloudEnvironment);
        Object environment = template.functionProperties(logicalId).get("Environment");
        if (environment instanceof Map<?, ?> e
                && e.get("Variables") instanceof Map<?, ?> variables) {
            variables.forEach(
                    (name, value) -> env.put((String) name, intrinsics.resolveString(value)));
        }
        env.remove("JAVA_TOOL_OPTIONS");
        // as the Lambda runtime sets it: the AWS clients then fit their calls in the function's
        // timeout
        env.put("AWS_LAMBDA_FUNCTION_NAME", stackName + "-" + logicalId);
        return env;
    }
}
