package dev.consentvault.support;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.IndexKey;
import dev.consentvault.core.crypto.KeyService;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The stack's services, wired as the functions wire them (see Wiring) but from the staff member's
 * own credentials. Clients and keys are made on first use, so a command touches only what it needs:
 * {@code status} never calls KMS.
 */
final class StackServices implements AutoCloseable {

    private final Target target;
    private final StackNames names;
    private final Clock clock;
    private final AwsClients aws;
    private final AwsCredentialsProvider profileCredentials;
    private final SdkHttpClient http;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private DynamoDbClient dynamo;
    private KmsClient kms;
    private SubjectKeys subjectKeys;

    StackServices(Target target, Map<String, String> env, Clock clock) {
        this.target = target;
        this.names = target.names();
        this.clock = clock;
        Map<String, String> clientEnv = new LinkedHashMap<>(env);
        clientEnv.put("AWS_REGION", target.region());
        if (target.endpointUrl() != null) {
            clientEnv.put("AWS_ENDPOINT_URL", target.endpointUrl());
        }
        this.aws = new AwsClients(clientEnv);
        // an explicit --profile wins over credentials in the environment, as with the AWS CLI
        this.profileCredentials =
                target.profile() == null
                        ? null
                        : ProfileCredentialsProvider.builder()
                                .profileName(target.profile())
                                .build();
        if (profileCredentials instanceof AutoCloseable closeable) {
            opened.add(closeable);
        }
        this.http =
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build();
        opened.add(http);
    }

    StackNames names() {
        return names;
    }

    Clock clock() {
        return clock;
    }

    DynamoConsentStore consents() {
        return new DynamoConsentStore(dynamo(), names.consentTable(), names.keysTable());
    }

    DynamoPrivacyRequestStore requests() {
        return new DynamoPrivacyRequestStore(dynamo(), names.requestsTable());
    }

    /**
     * The subject index key, unwrapped once: it turns an email or phone into the key stored items
     * carry.
     */
    SubjectKeys subjectKeys() {
        if (subjectKeys == null) {
            subjectKeys = IndexKey.load(consents(), keyService(), names.consentTable());
        }
        return subjectKeys;
    }

    /** Opens what filings sealed in the privacy-requests table. */
    Envelope requestsEnvelope() {
        return envelope(names.requestsTable());
    }

    /** Opens what captures sealed in the consent table, under each receipt's own key. */
    ReceiptKeys receiptKeys() {
        return new ReceiptKeys(envelope(names.consentTable()), names.keysTable());
    }

    /**
     * Filing, as the API function files: one write of the record with its deadlines and pending
     * dispatch; the stack's dispatcher queues it.
     */
    PrivacyRequests privacyRequests() {
        // the receipt service only verifies receipt tokens for the public API; staff filings never
        // do
        return new PrivacyRequests(
                requests(),
                null,
                envelope(names.requestsTable()),
                names.requestsTable(),
                deadlines(),
                clock);
    }

    /** The functions' legal clocks, with the deployment's acknowledgement period. */
    Deadlines deadlines() {
        return new Deadlines(
                target.settings().complaintAcknowledgement(), target.settings().jurisdictions());
    }

    /** The stack's purposes catalogue and notice versions (PURPOSES_FILE / PURPOSES_JSON). */
    PurposeCatalogue purposes() {
        return target.settings().purposes();
    }

    /** How long the proof of a closed complaint is kept. */
    RetentionPolicy proofRetention() {
        return target.settings().privacyProofRetention();
    }

    private Envelope envelope(String table) {
        return Envelope.forTable(keyService(), table, clock);
    }

    private KeyService keyService() {
        return new KmsKeyService(kms(), names.keyAlias());
    }

    private DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = build(DynamoDbClient.builder());
        }
        return dynamo;
    }

    private KmsClient kms() {
        if (kms == null) {
            kms = build(KmsClient.builder());
        }
        return kms;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>
            C build(B builder) {
        aws.configure(builder).httpClient(http);
        if (profileCredentials != null) {
            builder.credentialsProvider(profileCredentials);
        }
        C client = builder.build();
        opened.add(client);
        return client;
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // closing at exit: nothing left to protect, and the command's outcome is already
                // printed
            }
        }
    }
}
