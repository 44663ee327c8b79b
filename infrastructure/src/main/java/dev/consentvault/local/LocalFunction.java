package dev.consentvault.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.consentvault.local.gateway.LocalContext;
import java.util.Map;

/**
 * One function of the template hosted in this JVM: its handler class built once (as a Lambda init
 * would) with the environment the template gives it, invoked one event at a time, as one execution
 * environment handles one request at a time.
 */
public final class LocalFunction {

    private final String logicalId;
    private final RequestHandler<Object, Object> handler;
    private final int timeoutSeconds;

    private LocalFunction(
            String logicalId, RequestHandler<Object, Object> handler, int timeoutSeconds) {
        this.logicalId = logicalId;
        this.handler = handler;
        this.timeoutSeconds = timeoutSeconds;
    }

    @SuppressWarnings("unchecked")
    public static LocalFunction create(
            LocalStack stack, String logicalId, Map<String, String> cloudEnvironment) {
        Map<String, Object> properties = stack.template().functionProperties(logicalId);
        String className = String.valueOf(properties.get("Handler")).split("::", 2)[0];
        try {
            Object instance =
                    Class.forName(className)
                            .getConstructor(Map.class)
                            .newInstance(stack.functionEnvironment(logicalId, cloudEnvironment));
            return new LocalFunction(
                    logicalId,
                    (RequestHandler<Object, Object>) instance,
                    timeout(stack, logicalId));
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    logicalId + ": cannot start handler " + className + ": " + cause, cause);
        }
    }

    /**
     * A handler built by the caller (a test adding SDK interceptors) hosted as the template's
     * function {@code logicalId}.
     */
    @SuppressWarnings("unchecked")
    public static LocalFunction hosting(
            LocalStack stack, String logicalId, RequestHandler<?, ?> handler) {
        return new LocalFunction(
                logicalId, (RequestHandler<Object, Object>) handler, timeout(stack, logicalId));
    }

    private static int timeout(LocalStack stack, String logicalId) {
        return Integer.parseInt(
                String.valueOf(
                        stack.template().functionProperties(logicalId).getOrDefault("Timeout", 3)));
    }

    public String logicalId() {
        return logicalId;
    }

    @SuppressWarnings("unchecked")
    public synchronized <O> O invoke(Object event, String requestId) {
        return (O)
                handler.handleRequest(event, LocalContext.of(requestId, logicalId, timeoutSeconds));
    }
}
