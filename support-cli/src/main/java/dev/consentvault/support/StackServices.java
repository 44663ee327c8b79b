package dev.consentvault.support;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.AwsOperationsStatus;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.DynamoFigures;
import dev.consentvault.aws.DynamoLedger;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.aws.DynamoPropagationStore;
import dev.consentvault.aws.DynamoReportSources;
import dev.consentvault.aws.DynamoSuppressionStore;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.aws.S3Reports;
import dev.consentvault.core.consent.NoticeCensus;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.IndexKey;
import dev.consentvault.core.crypto.KeyService;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.ledger.Ledger;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.privacy.Contact;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.core.privacy.RequestDetails;
import dev.consentvault.core.privacy.RequestNotices;
import dev.consentvault.core.privacy.SuppressionList;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.report.ReportRun;
import dev.consentvault.core.report.ReportStore;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The stack's services, wired as the functions wire them (see Wiring) but from the staff member's
 * own credentials. Clients and keys are made on first use, so a command touches only what it needs:
 * {@code status} never calls KMS.
 */
final class StackServices implements AutoCloseable {

    private final Target target;
    private final String staff;
    private final StackNames names;
    private final Clock clock;
    private final AwsClients aws;
    private final AwsCredentialsProvider profileCredentials;
    private final SdkHttpClient http;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private DynamoDbClient dynamo;
    private KmsClient kms;
    private S3Client s3;
    private SqsClient sqs;
    private SubjectKeys subjectKeys;

    StackServices(Target target, Map<String, String> env, Clock clock) {
        this(target, env, clock, null);
    }

    /**
     * @param staff "staff:&lt;id&gt;" of who runs the tool, recorded on each request they change;
     *     or null
     */
    StackServices(Target target, Map<String, String> env, Clock clock, String staff) {
        this.target = target;
        this.staff = staff;
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

    /** The requests table; each change records the staff member who made it, for the ledger. */
    DynamoPrivacyRequestStore requests() {
        DynamoPrivacyRequestStore store =
                new DynamoPrivacyRequestStore(
                        dynamo(), names.requestsTable(), names.consentTable());
        return staff == null ? store : store.actingAs(staff);
    }

    /** The processor notices beside the requests: what an erased request still waits for. */
    DynamoPropagationStore propagations() {
        return new DynamoPropagationStore(dynamo(), names.requestsTable());
    }

    /** The suppression list, checked with the subject index key. */
    SuppressionList suppression() {
        return new SuppressionList(
                new DynamoSuppressionStore(dynamo(), names.requestsTable()), this::subjectKeys);
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
                clock,
                notices());
    }

    /**
     * Messages telling the person what staff did with their request, through the stack's outbox
     * (sealed with the consent table's data key; the stack's sender sends them).
     */
    RequestNotices notices() {
        return new RequestNotices(new Outbox(envelope(names.consentTable()), names.consentTable()));
    }

    /** Where to tell the person about a request: its sealed contact, opened, or null. */
    Contact contactOf(String requestId) {
        return requests()
                .sealedDetails(requestId)
                .map(
                        details ->
                                RequestDetails.open(
                                                requestsEnvelope(),
                                                names.requestsTable(),
                                                requestId,
                                                details)
                                        .answerTo())
                .orElse(null);
    }

    /** The ledger, for reading and verifying (the CLI never appends to it). */
    Ledger ledger() {
        return new DynamoLedger(dynamo(), names.ledgerTable(), clock);
    }

    /** The consent figures' counters. */
    Figures figures() {
        return new DynamoFigures(dynamo(), names.figuresTable(), clock);
    }

    /** The monthly report, built as the scheduled function builds it. */
    ReportRun reportRun() {
        return new ReportRun(
                figures(),
                new DynamoReportSources(dynamo(), names.requestsTable()),
                ledger(),
                new AwsOperationsStatus(
                        sqs(),
                        names.deadLetterQueues(),
                        kms(),
                        names.keyAlias(),
                        purposes().notices(),
                        () -> consents().scanReceipts(NoticeCensus.ATTRIBUTES)),
                reports(),
                clock);
    }

    /** The reports bucket; its default encryption puts objects under the stack's key (SSE-KMS). */
    ReportStore reports() {
        if (s3 == null) {
            S3Client client = build(S3Client.builder());
            s3 = client;
        }
        String account = build(StsClient.builder()).getCallerIdentity().account();
        return new S3Reports(s3, names.reportsBucket(account), null);
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

    /**
     * Raises a table's and its indexes' warm write throughput (never lowers it: a figure below what
     * the table has already is left alone).
     */
    void warm(String table, long writes, Map<String, Long> indexWrites) {
        software.amazon.awssdk.services.dynamodb.model.TableDescription current =
                dynamo().describeTable(r -> r.tableName(table)).table();
        long reads = CapacityPlan.MIN_WARM_READS;
        if (current.warmThroughput() != null
                && current.warmThroughput().readUnitsPerSecond() != null) {
            reads = Math.max(reads, current.warmThroughput().readUnitsPerSecond());
        }
        long tableWrites =
                current.warmThroughput() != null
                                && current.warmThroughput().writeUnitsPerSecond() != null
                        ? Math.max(writes, current.warmThroughput().writeUnitsPerSecond())
                        : writes;
        long tableReads = reads;
        dynamo().updateTable(
                        r ->
                                r.tableName(table)
                                        .warmThroughput(
                                                w ->
                                                        w.writeUnitsPerSecond(tableWrites)
                                                                .readUnitsPerSecond(tableReads)));
        for (Map.Entry<String, Long> index : indexWrites.entrySet()) {
            dynamo().updateTable(
                            r ->
                                    r.tableName(table)
                                            .globalSecondaryIndexUpdates(
                                                    u ->
                                                            u.update(
                                                                    g ->
                                                                            g.indexName(
                                                                                            index
                                                                                                    .getKey())
                                                                                    .warmThroughput(
                                                                                            w ->
                                                                                                    w.writeUnitsPerSecond(
                                                                                                                    index
                                                                                                                            .getValue())
                                                                                                            .readUnitsPerSecond(
                                                                                                                    tableReads)))));
        }
    }

    private DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = build(DynamoDbClient.builder());
        }
        return dynamo;
    }

    private SqsClient sqs() {
        if (sqs == null) {
            sqs = build(SqsClient.builder());
        }
        return sqs;
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
        if (builder instanceof S3ClientBuilder s3Builder && target.endpointUrl() != null) {
            // a local endpoint has no bucket subdomains
            s3Builder.forcePathStyle(true);
        }
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
