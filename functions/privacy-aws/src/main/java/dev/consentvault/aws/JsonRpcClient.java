package dev.consentvault.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * The AWS JSON protocol (DynamoDB, KMS) over the JDK's {@link HttpURLConnection}, signed with
 * {@link SigV4}: a POST of the request's fields as JSON, answered by the response's fields or an
 * error named by {@code __type}. It takes and returns the SDK's own model objects, marshalled from
 * their field metadata, so code written against the SDK's clients runs on it unchanged.
 *
 * <p>Why: the capture function's cold start. Building the SDK's DynamoDB and KMS clients and their
 * request pipelines loads about 1,700 classes and costs more CPU than the rest of the function's
 * start together; this loads a few dozen. What it keeps of the SDK's behaviour: the execution
 * interceptors (beforeExecution, modifyRequest, beforeTransmission per attempt, afterExecution,
 * onExecutionFailure) with the service and operation names, the call timeout (the client's, or the
 * request's {@code apiCallTimeout}) enforced by interrupting the call, the legacy retry policy
 * (throttling, 5xx and I/O failures, with the SDK's backoffs), DynamoDB's CRC32 check of the
 * response, and the modelled exceptions with their error details. A dry-run client (priming before
 * a SnapStart snapshot) marshals and signs each request and answers it with an empty success,
 * sending nothing.
 */
final class JsonRpcClient {

    /** Where a service differs: names, protocol version, retries, its modelled errors. */
    record Service(
            String signingName,
            String serviceName,
            String targetPrefix,
            String contentType,
            int maxAttempts,
            Duration baseDelay,
            Map<String, Supplier<AwsServiceException.Builder>> errors,
            Supplier<AwsServiceException.Builder> otherError,
            Map<String, String> dryRunAnswers) {

        /** What a dry run answers {@code operation}: a success of its usual shape, or {}. */
        byte[] dryRunAnswer(String operation) {
            return dryRunAnswers
                    .getOrDefault(operation, "{}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static final Duration THROTTLED_BASE_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
    private static final Set<String> THROTTLING =
            Set.of(
                    "Throttling",
                    "ThrottlingException",
                    "ThrottledException",
                    "RequestThrottledException",
                    "TooManyRequestsException",
                    "ProvisionedThroughputExceededException",
                    "TransactionInProgressException",
                    "RequestLimitExceeded",
                    "BandwidthLimitExceeded",
                    "LimitExceededException",
                    "RequestThrottled",
                    "SlowDown",
                    "PriorRequestNotComplete",
                    "EC2ThrottledException");
    private static final ScheduledExecutorService TIMER = timer();

    private final Service service;
    private final URI uri;
    private final URL endpoint;
    private final String host;
    private final String region;
    private final Supplier<SigV4.Credentials> credentials;
    private final List<ExecutionInterceptor> interceptors;
    private final Duration callTimeout;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Clock clock;
    private final boolean dryRun;

    JsonRpcClient(
            Service service,
            URI endpoint,
            String region,
            Supplier<SigV4.Credentials> credentials,
            List<ExecutionInterceptor> interceptors,
            Duration callTimeout,
            Duration connectTimeout,
            Duration readTimeout,
            Clock clock,
            boolean dryRun) {
        this.service = service;
        this.dryRun = dryRun;
        this.uri = endpoint.resolve("/");
        try {
            this.endpoint = uri.toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("not an endpoint URL: " + endpoint, e);
        }
        int port = this.endpoint.getPort();
        // the Host header HttpURLConnection sends, which the signature covers
        this.host =
                port == -1 || port == this.endpoint.getDefaultPort()
                        ? this.endpoint.getHost()
                        : this.endpoint.getHost() + ":" + port;
        this.region = region;
        this.credentials = credentials;
        this.interceptors = List.copyOf(interceptors);
        this.callTimeout = callTimeout;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    /** One entry of {@link Service#errors()}: the error code and its exception's builder. */
    static Map.Entry<String, Supplier<AwsServiceException.Builder>> error(
            String code, Supplier<? extends AwsServiceException.Builder> builder) {
        return Map.entry(code, builder::get);
    }

    /**
     * Sends {@code request} as {@code operation} and answers the response built in {@code
     * response}, or throws the service's modelled exception (or an {@link SdkClientException}).
     */
    @SuppressWarnings("unchecked")
    <R extends SdkResponse> R call(
            String operation, SdkRequest request, SdkResponse.Builder response) {
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, service.serviceName());
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
        try {
            InterceptorContext context = InterceptorContext.builder().request(request).build();
            for (ExecutionInterceptor interceptor : interceptors) {
                interceptor.beforeExecution(context, attributes);
            }
            for (ExecutionInterceptor interceptor : interceptors) {
                request = interceptor.modifyRequest(context, attributes);
                context = context.toBuilder().request(request).build();
            }
            Duration timeout = timeout(request);
            Thread caller = Thread.currentThread();
            Attempt attempt = new Attempt();
            ScheduledFuture<?> alarm =
                    TIMER.schedule(
                            () -> attempt.expire(caller),
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
            SdkResponse answer;
            try {
                answer = send(operation, request, response, context, attributes, attempt);
            } catch (RuntimeException e) {
                if (attempt.expired.get()) {
                    throw timedOut(timeout, e);
                }
                throw e;
            } finally {
                alarm.cancel(false);
                if (attempt.expired.get()) {
                    Thread.interrupted(); // the alarm's interrupt is spent here, not by the caller
                }
            }
            InterceptorContext done = context.toBuilder().response(answer).build();
            for (ExecutionInterceptor interceptor : interceptors) {
                interceptor.afterExecution(done, attributes);
            }
            return (R) answer;
        } catch (RuntimeException e) {
            InterceptorContext failed = InterceptorContext.builder().request(request).build();
            for (ExecutionInterceptor interceptor : interceptors) {
                try {
                    interceptor.onExecutionFailure(new Failure(failed, e), attributes);
                } catch (RuntimeException ignored) {
                    // a failing observer does not replace the call's own failure
                }
            }
            throw e;
        }
    }

    private SdkResponse send(
            String operation,
            SdkRequest request,
            SdkResponse.Builder response,
            InterceptorContext context,
            ExecutionAttributes attributes,
            Attempt attempt) {
        byte[] body = marshal((SdkPojo) request);
        SdkHttpRequest httpRequest =
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .uri(uri)
                        .putHeader("X-Amz-Target", service.targetPrefix() + operation)
                        .build();
        InterceptorContext transmitting = context.toBuilder().httpRequest(httpRequest).build();
        RuntimeException last = null;
        for (int tries = 1; ; tries++) {
            boolean throttled;
            try {
                for (ExecutionInterceptor interceptor : interceptors) {
                    interceptor.beforeTransmission(transmitting, attributes);
                }
                return post(operation, body, response, attempt);
            } catch (AwsServiceException e) {
                if (!retryable(e)) {
                    throw e;
                }
                throttled = e.isThrottlingException();
                last = e;
            } catch (SdkClientException e) {
                // as the SDK: a client-side failure is retried when an I/O failure caused it
                if (attempt.expired.get()
                        || Thread.currentThread().isInterrupted()
                        || !causedByIo(e)) {
                    throw e;
                }
                throttled = false;
                last = e;
            }
            if (tries >= service.maxAttempts()) {
                throw last;
            }
            sleep(backoff(tries, throttled), last);
        }
    }

    private SdkResponse post(
            String operation, byte[] body, SdkResponse.Builder response, Attempt attempt) {
        SigV4.Credentials signing;
        try {
            signing = credentials.get();
        } catch (RuntimeException e) {
            throw SdkClientException.create(
                    "Unable to load credentials for "
                            + service.serviceName()
                            + "."
                            + operation
                            + ": "
                            + e.getMessage());
        }
        Map<String, String> headers =
                SigV4.sign(
                        host,
                        Map.of(
                                "content-type",
                                service.contentType(),
                                "x-amz-target",
                                service.targetPrefix() + operation),
                        body,
                        region,
                        service.signingName(),
                        signing,
                        clock.instant());
        if (dryRun) {
            // priming: marshalled and signed as if sent, answered here with an empty success
            unmarshal(parse(service.dryRunAnswer(operation), 200, operation), (SdkPojo) response);
            return (SdkResponse) ((Buildable) response).build();
        }
        HttpURLConnection connection;
        int status;
        byte[] answer;
        String crc32;
        try {
            connection = (HttpURLConnection) endpoint.openConnection();
            attempt.connection = connection;
            if (attempt.expired.get()) {
                throw new IOException("the call's time is up");
            }
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            // the signed headers: content type, target, date, payload hash, token, authorization
            headers.forEach(connection::setRequestProperty);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            status = connection.getResponseCode();
            crc32 = connection.getHeaderField("x-amz-crc32");
            try (InputStream in =
                    status < 300 ? connection.getInputStream() : connection.getErrorStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
        } catch (IOException e) {
            throw SdkClientException.builder()
                    .message(
                            "Unable to execute HTTP request: "
                                    + service.serviceName()
                                    + "."
                                    + operation
                                    + " ("
                                    + e.getClass().getSimpleName()
                                    + ")")
                    .cause(e)
                    .build();
        } finally {
            attempt.connection = null;
        }
        if (crc32 != null && !crc32.equals(Long.toString(crc32(answer)))) {
            // damaged on the way: retried like any other I/O failure
            throw SdkClientException.create(
                    service.serviceName() + "." + operation + ": the response failed its CRC32",
                    new IOException("CRC32 mismatch"));
        }
        JsonNode json = parse(answer, status, operation);
        if (status >= 300) {
            throw error(json, status, operation);
        }
        unmarshal(json, (SdkPojo) response);
        return (SdkResponse) ((Buildable) response).build();
    }

    private JsonNode parse(byte[] answer, int status, String operation) {
        if (answer.length == 0) {
            return Json.object();
        }
        try {
            return Json.read(answer);
        } catch (IOException e) {
            if (status >= 500) {
                return Json.object();
            }
            throw SdkClientException.create(
                    service.serviceName() + "." + operation + " answered " + status + ", not JSON");
        }
    }

    private AwsServiceException error(JsonNode json, int status, String operation) {
        String type = json.path("__type").asText("");
        String code = type.substring(type.lastIndexOf('#') + 1);
        if (code.isEmpty()) {
            code = status >= 500 ? "InternalFailure" : "UnknownError";
        }
        String message =
                json.hasNonNull("message")
                        ? json.get("message").asText()
                        : json.path("Message").asText(null);
        AwsServiceException.Builder builder =
                service.errors().getOrDefault(code, service.otherError()).get();
        unmarshal(json, builder); // e.g. a cancelled transaction's reasons
        return builder.awsErrorDetails(
                        AwsErrorDetails.builder()
                                .errorCode(code)
                                .errorMessage(message)
                                .serviceName(service.serviceName())
                                .build())
                .statusCode(status)
                .message(message == null ? code : message)
                .build();
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean retryable(AwsServiceException e) {
        return e.statusCode() >= 500
                || e.statusCode() == 429
                || e.isThrottlingException()
                || (e.awsErrorDetails() != null
                        && THROTTLING.contains(e.awsErrorDetails().errorCode()));
    }

    /** The SDK's legacy backoffs: full jitter from the service's base, equal jitter throttled. */
    private Duration backoff(int retriesSoFar, boolean throttled) {
        long base = (throttled ? THROTTLED_BASE_DELAY : service.baseDelay()).toMillis();
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(retriesSoFar - 1, 20));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Duration.ofMillis(
                throttled
                        ? ceiling / 2 + random.nextLong(ceiling / 2 + 1)
                        : random.nextLong(ceiling + 1));
    }

    private static void sleep(Duration pause, RuntimeException last) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw last;
        }
    }

    private Duration timeout(SdkRequest request) {
        if (request instanceof AwsRequest aws) {
            return aws.overrideConfiguration()
                    .flatMap(AwsRequestOverrideConfiguration::apiCallTimeout)
                    .orElse(callTimeout);
        }
        return callTimeout;
    }

    private static ApiCallTimeoutException timedOut(Duration timeout, RuntimeException cause) {
        return ApiCallTimeoutException.builder()
                .message(
                        "Client execution did not complete before the specified timeout"
                                + " configuration: "
                                + timeout.toMillis()
                                + " millis")
                .cause(cause)
                .build();
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    // --- the request's fields to JSON, and JSON to the response's fields ---

    static byte[] marshal(SdkPojo pojo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = Json.factory().createGenerator(out)) {
            writePojo(json, pojo);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
        return out.toByteArray();
    }

    private static void writePojo(JsonGenerator json, SdkPojo pojo) throws IOException {
        json.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (absent(value)) {
                continue;
            }
            json.writeFieldName(field.locationName());
            writeValue(json, field, value);
        }
        json.writeEndObject();
    }

    private static boolean absent(Object value) {
        return value == null
                || value instanceof SdkAutoConstructList
                || value instanceof SdkAutoConstructMap;
    }

    private static void writeValue(JsonGenerator json, SdkField<?> field, Object value)
            throws IOException {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            json.writeString(value.toString());
        } else if (type == MarshallingType.BOOLEAN) {
            json.writeBoolean((Boolean) value);
        } else if (type == MarshallingType.INTEGER
                || type == MarshallingType.LONG
                || type == MarshallingType.SHORT) {
            json.writeNumber(((Number) value).longValue());
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
            json.writeNumber(((Number) value).doubleValue());
        } else if (type == MarshallingType.BIG_DECIMAL) {
            json.writeNumber((BigDecimal) value);
        } else if (type == MarshallingType.INSTANT) {
            Instant instant = (Instant) value;
            json.writeNumber(
                    BigDecimal.valueOf(instant.getEpochSecond())
                            .add(BigDecimal.valueOf(instant.getNano(), 9))
                            .stripTrailingZeros());
        } else if (type == MarshallingType.SDK_BYTES) {
            json.writeString(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
        } else if (type == MarshallingType.SDK_POJO) {
            writePojo(json, (SdkPojo) value);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            json.writeStartArray();
            for (Object element : (List<?>) value) {
                writeValue(json, member, element);
            }
            json.writeEndArray();
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                json.writeFieldName(entry.getKey().toString());
                writeValue(json, member, entry.getValue());
            }
            json.writeEndObject();
        } else {
            throw new IllegalArgumentException(
                    "field " + field.memberName() + " of type " + type + " is not supported");
        }
    }

    static void unmarshal(JsonNode json, SdkPojo builder) {
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            JsonNode value = json.get(field.unmarshallLocationName());
            if (value != null && !value.isNull()) {
                field.set(builder, readValue(field, value));
            }
        }
    }

    private static Object readValue(SdkField<?> field, JsonNode json) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return json.asText();
        } else if (type == MarshallingType.BOOLEAN) {
            return json.booleanValue();
        } else if (type == MarshallingType.INTEGER) {
            return json.intValue();
        } else if (type == MarshallingType.LONG) {
            return json.longValue();
        } else if (type == MarshallingType.SHORT) {
            return json.shortValue();
        } else if (type == MarshallingType.DOUBLE) {
            return json.doubleValue();
        } else if (type == MarshallingType.FLOAT) {
            return json.floatValue();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return json.decimalValue();
        } else if (type == MarshallingType.INSTANT) {
            BigDecimal seconds = json.decimalValue();
            return Instant.ofEpochSecond(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(json.asText()));
        } else if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            unmarshal(json, builder);
            return ((Buildable) builder).build();
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>(json.size());
            json.forEach(element -> list.add(readValue(member, element)));
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            json.fields()
                    .forEachRemaining(e -> map.put(e.getKey(), readValue(member, e.getValue())));
            return map;
        }
        throw new IllegalArgumentException(
                "field " + field.memberName() + " of type " + type + " is not supported");
    }

    /** One call's state shared with its alarm. */
    private static final class Attempt {
        final AtomicBoolean expired = new AtomicBoolean();
        volatile HttpURLConnection connection;

        void expire(Thread caller) {
            expired.set(true);
            caller.interrupt();
            HttpURLConnection open = connection;
            if (open != null) {
                open.disconnect(); // a blocked read ends now rather than at the socket timeout
            }
        }
    }

    /** What onExecutionFailure is told. */
    private record Failure(InterceptorContext context, Throwable exception)
            implements software.amazon.awssdk.core.interceptor.Context.FailedExecution {

        @Override
        public Throwable exception() {
            return exception;
        }

        @Override
        public SdkRequest request() {
            return context.request();
        }

        @Override
        public java.util.Optional<SdkHttpRequest> httpRequest() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<software.amazon.awssdk.http.SdkHttpResponse> httpResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<SdkResponse> response() {
            return java.util.Optional.empty();
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(
                        1,
                        task -> {
                            Thread thread = new Thread(task, "aws-call-timeout");
                            thread.setDaemon(true);
                            return thread;
                        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
