package dev.consentvault.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.consentvault.local.gateway.LocalContext;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * environment handles one request at a time. With {@code LOCAL_FUNCTION_CONCURRENCY=N} (the local
 * run; default 1) up to N environments serve concurrent invocations, each built by its own init, as
 * Lambda scales out under load.
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
    private final int concurrency;
    private final Deque<Environment> idle = new ArrayDeque<>();
    private int environments;

    /** One execution environment: its handler (null until its next init) and its thread. */
    private final class Environment {
        RequestHandler<Object, Object> handler;
        final ExecutorService thread = newThread();

        Environment(RequestHandler<Object, Object> handler) {
            this.handler = handler;
        }
    }

    private LocalFunction(
            String logicalId,
            Supplier<RequestHandler<Object, Object>> init,
            int timeoutSeconds,
            String accountId,
            int concurrency) {
        this.logicalId = logicalId;
        this.init = init;
        this.timeoutSeconds = timeoutSeconds;
        this.accountId = accountId;
        this.concurrency = concurrency;
        idle.push(new Environment(init.get()));
        environments = 1;
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
                stack.accountId(),
                Math.max(
                        1,
                        Integer.parseInt(
                                System.getenv().getOrDefault("LOCAL_FUNCTION_CONCURRENCY", "1"))));
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
        // one instance the caller built: one environment
        return new LocalFunction(
                logicalId, () -> built, timeout(stack, logicalId), stack.accountId(), 1);
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
    public <O> O invoke(Object event, String requestId) {
        Environment environment = acquire();
        boolean discard = false;
        try {
            if (environment.handler == null) {
                environment.handler = init.get();
            }
            RequestHandler<Object, Object> current = environment.handler;
            LocalContext context = LocalContext.of(requestId, logicalId, timeoutSeconds, accountId);
            Future<Object> result =
                    environment.thread.submit(() -> current.handleRequest(event, context));
            try {
                return (O) result.get(context.getRemainingTimeInMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                discard = true;
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
                discard = true;
                throw new IllegalStateException(logicalId + ": invocation interrupted", e);
            }
        } finally {
            release(environment, discard);
        }
    }

    /**
     * An idle environment, a new one (its init runs on first use) if fewer than allowed, else
     * waits.
     */
    private synchronized Environment acquire() {
        while (idle.isEmpty() && environments >= concurrency) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(logicalId + ": interrupted waiting", e);
            }
        }
        if (!idle.isEmpty()) {
            return idle.pop();
        }
        environments++;
        return new Environment(null);
    }

    /**
     * As Lambda does after a timeout: the running invocation is stopped, the environment's next
     * invocation inits.
     */
    private synchronized void release(Environment environment, boolean discard) {
        if (discard) {
            environment.thread.shutdownNow();
            environments--;
        } else {
            idle.push(environment);
        }
        notifyAll();
    }

    private ExecutorService newThread() {
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
