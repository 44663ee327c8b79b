package dev.consentvault.api;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.Controller;
import dev.consentvault.core.crypto.DataKeyCache;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.IndexKey;
import dev.consentvault.core.crypto.KeyService;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.purpose.PurposeCatalogue;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Wires the API's domain services to AWS from an environment map: {@code CONSENT_TABLE},
 * {@code KMS_KEY_ID}, the controller variables and the catalogue. Built once per container, in the
 * handler's constructor, so the index key is unwrapped during init and not on a person's request.
 */
public final class ConsentApi {

    private final PurposeCatalogue catalogue;
    private final ConsentCapture capture;

    public ConsentApi(Map<String, String> env, List<ExecutionInterceptor> interceptors, Clock clock) {
        String table = required(env, "CONSENT_TABLE");
        AwsClients aws = new AwsClients(env, interceptors);
        DynamoConsentStore store = new DynamoConsentStore(aws.dynamoDb(), table);
        KeyService keys = new KmsKeyService(aws.kms(), required(env, "KMS_KEY_ID"));
        this.catalogue = PurposeCatalogue.fromEnvironment(env);
        SubjectKeys subjectKeys = IndexKey.load(store, keys, table);
        Envelope envelope = new Envelope(new DataKeyCache(keys,
                Map.of("service", "consent-vault", "table", table), clock));
        this.capture = new ConsentCapture(catalogue, store, envelope, subjectKeys,
                Controller.fromEnvironment(env), table, clock);
    }

    public ConsentApi(Map<String, String> env) {
        this(env, List.of(), Clock.systemUTC());
    }

    public ConsentCapture capture() {
        return capture;
    }

    public PurposeCatalogue catalogue() {
        return catalogue;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
