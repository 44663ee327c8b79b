package dev.consentvault.functions;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.aws.SqsRequestQueue;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.Controller;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.IndexKey;
import dev.consentvault.core.crypto.KeyService;
import dev.consentvault.core.privacy.ComplaintProcessing;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.core.privacy.RequestDispatch;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires the functions' domain services to AWS from an environment map: {@code CONSENT_TABLE},
 * {@code KMS_KEY_ID}, the controller variables, the catalogue, the privacy-request table and
 * queues, and the retention periods. Built once per container, in the handler's constructor, so
 * clients and keys are ready before the first request (the capture handler also unwraps the index
 * key there). Each client and each table's envelope is built once, however many services share it.
 */
public final class Wiring {

    private final Map<String, String> env;
    private final String table;
    private final Clock clock;
    private final AwsClients aws;
    private final DynamoDbClient dynamo;
    private final DynamoConsentStore store;
    private final KeyService keys;
    private final Envelope envelope;
    private DynamoPrivacyRequestStore requestStore;
    private Envelope requestsEnvelope;

    public Wiring(Map<String, String> env, List<ExecutionInterceptor> interceptors, Clock clock) {
        this.env = env;
        this.table = required(env, "CONSENT_TABLE");
        this.clock = clock;
        this.aws = new AwsClients(env, interceptors);
        this.dynamo = aws.dynamoDb();
        this.store = new DynamoConsentStore(dynamo, table);
        this.keys = new KmsKeyService(aws.kms(), required(env, "KMS_KEY_ID"));
        this.envelope = Envelope.forTable(keys, table, clock);
    }

    public Wiring(Map<String, String> env) {
        this(env, List.of(), Clock.systemUTC());
    }

    public ConsentCapture capture() {
        return new ConsentCapture(
                PurposeCatalogue.fromEnvironment(env),
                store,
                envelope,
                IndexKey.load(store, keys, table),
                Controller.fromEnvironment(env),
                table,
                clock);
    }

    public ReceiptService receipts() {
        return new ReceiptService(
                store,
                envelope,
                Controller.fromEnvironment(env),
                table,
                clock,
                retention(env, "WITHDRAWAL_PROOF_RETENTION", "P3Y"));
    }

    /**
     * Filing privacy requests: needs the requests table only (requests are queued from its outbox).
     */
    public PrivacyRequests privacyRequests() {
        return new PrivacyRequests(
                requestStore(),
                receipts(),
                requestsEnvelope(),
                requestsTable(),
                deadlines(),
                clock);
    }

    /**
     * The outbox dispatcher and its sweeper: the requests table and both queue URLs; {@code
     * DISPATCH_SWEEP_AFTER} (ISO-8601 duration, default PT2M) is how long a request may wait for
     * the stream before the sweeper queues it.
     */
    public RequestDispatch requestDispatch() {
        String sweepAfter = env.getOrDefault("DISPATCH_SWEEP_AFTER", "PT2M");
        Duration after;
        try {
            after = Duration.parse(sweepAfter);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "DISPATCH_SWEEP_AFTER must be an ISO-8601 duration such as PT2M");
        }
        return new RequestDispatch(
                requestStore(),
                new SqsRequestQueue(
                        aws.sqs(), env.get("DELETION_QUEUE_URL"), env.get("COMPLAINT_QUEUE_URL")),
                clock,
                after);
    }

    /** The deletion processor's service. */
    public Erasure erasure() {
        return new Erasure(
                store, requestStore(), clock, retention(env, "PRIVACY_PROOF_RETENTION", "P3Y"));
    }

    /**
     * The complaint processor's service; it may file deletion requests, and computes subject keys
     * for them.
     */
    public ComplaintProcessing complaints() {
        return new ComplaintProcessing(
                requestStore(),
                privacyRequests(),
                requestsEnvelope(),
                IndexKey.load(store, keys, table),
                requestsTable());
    }

    private String requestsTable() {
        return required(env, "PRIVACY_REQUESTS_TABLE");
    }

    private DynamoPrivacyRequestStore requestStore() {
        if (requestStore == null) {
            requestStore = new DynamoPrivacyRequestStore(dynamo, requestsTable());
        }
        return requestStore;
    }

    private Envelope requestsEnvelope() {
        if (requestsEnvelope == null) {
            requestsEnvelope = Envelope.forTable(keys, requestsTable(), clock);
        }
        return requestsEnvelope;
    }

    private Deadlines deadlines() {
        String hours = env.getOrDefault("COMPLAINT_ACK_HOURS", "72");
        try {
            return new Deadlines(Duration.ofHours(Long.parseLong(hours)));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "COMPLAINT_ACK_HOURS must be a positive number of hours");
        }
    }

    /**
     * A retention period from the environment, or its default; a bad value stops the function at
     * start.
     */
    public static RetentionPolicy retention(
            Map<String, String> env, String name, String defaultValue) {
        String value = env.getOrDefault(name, defaultValue);
        try {
            return RetentionPolicy.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    name + " must be a positive ISO-8601 period such as P3Y");
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
