package dev.consentvault.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.consentvault.local.gateway.LocalContext;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.crac.Resource;

/**
 * Runs in a fresh JVM on the Lambda artifact, as a cold start of any function of the template:
 * builds the handler from the environment, optionally runs its SnapStart hooks (priming, then the
 * restore hook), reads the sample event with the serializer the Lambda Java runtime uses, answers
 * it once, and prints when each happened and how many classes were loaded by then.
 *
 * <p>Arguments: handler class, event file, {@code primed} or {@code unprimed}, function name.
 */
public final class FunctionProbe {

    private FunctionProbe() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        RequestHandler<Object, Object> handler =
                (RequestHandler<Object, Object>) type.getConstructor().newInstance();
        long ready = System.currentTimeMillis();
        if (args[2].equals("primed")) {
            ((Resource) handler).beforeCheckpoint(null);
            ((Resource) handler).afterRestore(null);
        }
        long restored = System.currentTimeMillis();
        Method handle =
                Arrays.stream(type.getMethods())
                        .filter(m -> m.getName().equals("handleRequest") && !m.isBridge())
                        .findFirst()
                        .orElseThrow();
        Object event;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            event =
                    LambdaEventSerializers.serializerFor(
                                    handle.getParameterTypes()[0], type.getClassLoader())
                            .fromJson(in);
        }
        Object result =
                handler.handleRequest(
                        event,
                        LocalContext.of(UUID.randomUUID().toString(), args[3], 30, "000000000000"));
        long answered = System.currentTimeMillis();
        String answer;
        if (result instanceof APIGatewayV2HTTPResponse response) {
            answer = String.valueOf(response.getStatusCode());
        } else if (result instanceof SQSBatchResponse batch) {
            answer = batch.getBatchItemFailures().size() + "-retry";
        } else if (result instanceof StreamsEventResponse batch) {
            answer = batch.getBatchItemFailures().size() + "-retry";
        } else {
            answer = "ok";
        }
        System.out.println(
                "PROBE ready="
                        + ready
                        + " restored="
                        + restored
                        + " answered="
                        + answered
                        + " classes="
                        + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
                        + " answer="
                        + answer);
    }
}
