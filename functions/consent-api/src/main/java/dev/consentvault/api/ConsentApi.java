package dev.consentvault.api;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.aws.SqsRequestQueue;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.Controller;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.DataKeyCache;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.IndexKey;
import dev.consentvault.core.crypto.KeyService;
import dev.consentvault.core.privacy.ComplaintProcessing;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Wires the API's domain services to AWS from an environment map: {@code CONSENT_TABLE},
 * {@code KMS_KEY_ID}, the controller variables, the catalogue and {@code WITHDRAWAL_PROOF_RETENTION}.
 * Built once per container, in the handler's constructor, so clients and keys are ready before the
 * first request (the capture handler also unwraps the index key there).
 */
public final class ConsentApi {

    private final Map<String, String> env;
    private final String table;
    private final Clock clock;
    private final DynamoConsentStore store;
    private final KeyService keys;
    private final Envelope envelope;
    private final AwsClients aws;

    public ConsentApi(Map<String, String> env, List<ExecutionInterceptor> interceptors, Clock clock) {
        this.env = env;
        this.table = required(env, "CONSENT_TABLE");
        this.clock = clock;
        this.aws = new AwsClients(env, interceptors);
        this.store = new DynamoConsentStore(aws.dynamoDb(), table);
        this.keys = new KmsKeyService(aws.kms(), required(env, "KMS_KEY_ID"));
        this.envelope = new Envelope(new DataKeyCache(keys, Map.of("service", "consent-vault", "table", table), clock));
    }

    public ConsentApi(Map<String, String> env) {
        this(env, List.of(), Clock.systemUTC());
    }

    public ConsentCapture capture() {
        return new ConsentCapture(PurposeCatalogue.fromEnvironment(env), store, envelope, IndexKey.load(store, keys, table),
                Controller.fromEnvironment(env), table, clock);
    }

    public ReceiptService receipts() {
        return new ReceiptService(store, envelope, Controller.fromEnvironment(env), table, clock,
                retention(env, "WITHDRAWAL_PROOF_RETENTION", "P3Y"));
    }

    /** Filing privacy requests (API and staff): needs the requests table and both queue URLs. */
    public PrivacyRequests privacyRequests() {
        String requestsTable = required(env, "PRIVACY_REQUESTS_TABLE");
        return new PrivacyRequests(new DynamoPrivacyRequestStore(aws.dynamoDb(), requestsTable),
                new SqsRequestQueue(aws.sqs(), env.get("DELETION_QUEUE_URL"), env.get("COMPLAINT_QUEUE_URL")),
                receipts(), requestsEnvelope(requestsTable), requestsTable, deadlines(), clock);
    }

    /** The deletion processor's service. */
    public Erasure erasure() {
        return new Erasure(store, new DynamoPrivacyRequestStore(aws.dynamoDb(), required(env, "PRIVACY_REQUESTS_TABLE")),
                clock, retention(env, "PRIVACY_PROOF_RETENTION", "P3Y"));
    }

    /** The complaint processor's service; it may file deletion requests, and computes subject keys for them. */
    public ComplaintProcessing complaints() {
        String requestsTable = required(env, "PRIVACY_REQUESTS_TABLE");
        return new ComplaintProcessing(new DynamoPrivacyRequestStore(aws.dynamoDb(), requestsTable), privacyRequests(),
                requestsEnvelope(requestsTable), IndexKey.load(store, keys, table), requestsTable);
    }

    private Envelope requestsEnvelope(String requestsTable) {
        return new Envelope(new DataKeyCache(keys, Map.of("service", "consent-vault", "table", requestsTable), clock));
    }

    private Deadlines deadlines() {
        String hours = env.getOrDefault("COMPLAINT_ACK_HOURS", "72");
        try {
            return new Deadlines(Duration.ofHours(Long.parseLong(hours)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("COMPLAINT_ACK_HOURS must be a positive number of hours");
        }
    }

    /** A retention period from the environment, or its default; a bad value stops the function at start. */
    public static RetentionPolicy retention(Map<String, String> env, String name, String defaultValue) {
        String value = env.getOrDefault(name, defaultValue);
        try {
            return RetentionPolicy.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " must be a positive ISO-8601 period such as P3Y");
        }
    }

    static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
