package dev.consentvault.api;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.Controller;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.DataKeyCache;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.IndexKey;
import dev.consentvault.core.crypto.KeyService;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.time.Clock;
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

    public ConsentApi(Map<String, String> env, List<ExecutionInterceptor> interceptors, Clock clock) {
        this.env = env;
        this.table = required(env, "CONSENT_TABLE");
        this.clock = clock;
        AwsClients aws = new AwsClients(env, interceptors);
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
