package dev.consentvault.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.consentvault.local.gateway.LocalContext;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One function of the template hosted in this JVM: its handler class built once (as a Lambda init
 * would) with the environment the template gives it, invoked one event at a time, as one execution
 * environment handles one request at a time.
 *
 * <p>The template's {@code Timeout} holds as on Lambda: the context counts down from it, and an
 * invocation still running when it ends is abandoned with a {@link FunctionTimedOutException}; the
 * environment is then discarded, so the next invocation starts from a fresh init.
 */
public final class LocalFunction {

    private final String logicalId;
    private final Supplier<RequestHandler<Object, Object>> init;
    private final int timeoutSeconds;
    private final String accountId;
    private RequestHandler<Object, Object> handler;
    private ExecutorService environment;

    private LocalFunction(
            String logicalId,
            Supplier<RequestHandler<Object, Object>> init,
            int timeoutSeconds,
            String accountId) {
        this.logicalId = logicalId;
        this.init = init;
        this.timeoutSeconds = timeoutSeconds;
        this.accountId = accountId;
        this.handler = init.get();
        this.environment = newEnvironment();
    }

    public static LocalFunction create(
            LocalStack stack, String logicalId, Map<String, String> cloudEnvironment) {
        Map<String, Object> properties = stack.template().functionProperties(logicalId);
        String className = String.valueOf(properties.get("Handler")).split("::", 2)[0];
        Map<String, String> env = stack.functionEnvironment(logicalId, cloudEnvironment);
        return new LocalFunction(
                logicalId,
                () -> instantiate(logicalId, className, env),
                timeout(stack, logicalId),
                stack.accountId());
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<Object, Object> instantiate(
            String logicalId, String className, Map<String, String> env) {
        try {
            return (RequestHandler<Object, Object>)
                    Class.forName(className).getConstructor(Map.class).newInstance(env);
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
        RequestHandler<Object, Object> built = (RequestHandler<Object, Object>) handler;
        return new LocalFunction(
                logicalId, () -> built, timeout(stack, logicalId), stack.accountId());
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
        if (handler == null) {
            handler = init.get();
        }
        RequestHandler<Object, Object> current = handler;
        LocalContext context = LocalContext.of(requestId, logicalId, timeoutSeconds, accountId);
        Future<Object> result = environment.submit(() -> current.handleRequest(event, context));
        try {
            return (O) result.get(context.getRemainingTimeInMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            discardEnvironment();
            throw new FunctionTimedOutException(logicalId, timeoutSeconds);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardEnvironment();
            throw new IllegalStateException(logicalId + ": invocation interrupted", e);
        }
    }

    /** As Lambda does after a timeout: the running invocation is stopped, the next one inits. */
    private void discardEnvironment() {
        environment.shutdownNow();
        environment = newEnvironment();
        handler = null;
    }

    private ExecutorService newEnvironment() {
        return Executors.newSingleThreadExecutor(
                task -> {
                    Thread thread = new Thread(task, "function-" + logicalId);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** The invocation ran past the function's timeout (Lambda: "Task timed out"). */
    public static final class FunctionTimedOutException extends RuntimeException {
        public FunctionTimedOutException(String logicalId, int timeoutSeconds) {
            super(logicalId + ": task timed out after " + timeoutSeconds + " s");
        }
    }
}
