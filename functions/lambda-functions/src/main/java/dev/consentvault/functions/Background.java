package dev.consentvault.functions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Init work started on a thread of its own, so that it overlaps with the rest of a function's init
 * (building an AWS client while another is built, unwrapping the index key while the catalogue is
 * parsed). Waiting for the result hands back the work's own exception, as if it had run inline.
 */
public final class Background {

    private Background() {}

    /** Starts {@code work} now; the supplier returned waits for it (and is cheap after that). */
    public static <T> Supplier<T> start(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                result.complete(work.get());
                            } catch (Throwable e) {
                                result.completeExceptionally(e);
                            }
                        },
                        "init-" + name);
        // an init that fails on the main thread must not be kept alive by this one
        thread.setDaemon(true);
        thread.start();
        return () -> {
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        };
    }
}
