package dev.consentvault.functions;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.aws.SesSnsMessenger;
import dev.consentvault.aws.SqsRequestQueue;
import dev.consentvault.core.config.Settings;
import dev.consentvault.core.consent.ConfirmationPage;
import dev.consentvault.core.consent.Confirmations;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.DoubleOptIn;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.IndexKey;
import dev.consentvault.core.crypto.KeyService;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.notify.MessageTemplates;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.notify.OutboxSender;
import dev.consentvault.core.privacy.ComplaintProcessing;
import dev.consentvault.core.privacy.DeadlineWatch;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.core.privacy.RequestDispatch;
import dev.consentvault.core.store.ConsentStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires the functions' domain services to AWS from an environment map, read through {@link
 * Settings} (tables, key, controller, catalogue, queues, retention periods). Built once per
 * container, in the handler's constructor, so clients and keys are ready before the first request
 * (the capture handler also unwraps the index key there). Each client and each table's envelope is
 * built once, however many services share it.
 */
public final class Wiring {

    private final Settings settings;
    private final String table;
    private final Clock clock;
    private final AwsClients aws;
    private final DynamoDbClient dynamo;
    private final DynamoConsentStore store;
    private final KeyService keys;
    private final Envelope envelope;
    private final ReceiptKeys receiptKeys;
    private DynamoPrivacyRequestStore requestStore;
    private Envelope requestsEnvelope;

    public Wiring(Map<String, String> env, List<ExecutionInterceptor> interceptors, Clock clock) {
        this.settings = new Settings(env);
        this.table = settings.consentTable();
        this.clock = clock;
        this.aws = new AwsClients(env, interceptors);
        this.dynamo = aws.dynamoDb();
        this.store = new DynamoConsentStore(dynamo, table, settings.keysTable());
        this.keys = new KmsKeyService(aws.kms(), settings.kmsKeyId());
        this.envelope = Envelope.forTable(keys, table, clock);
        this.receiptKeys = new ReceiptKeys(envelope, settings.keysTable());
    }

    public Wiring(Map<String, String> env) {
        this(env, List.of(), Clock.systemUTC());
    }

    public ConsentCapture capture() {
        return new ConsentCapture(
                settings.purposes(),
                settings.jurisdictions(),
                store,
                receiptKeys,
                indexKey(),
                settings.controller(),
                table,
                clock,
                new DoubleOptIn(
                        outbox(),
                        settings.confirmationWindow(),
                        settings.publicBaseUrl().orElse(null)));
    }

    /** The consent table's outbox: builds message items, and opens them (the sender, tests). */
    public Outbox outbox() {
        return new Outbox(envelope, table);
    }

    /**
     * Double opt-in confirmations: the receipts, and the index key the SMS codes are keyed with.
     */
    public Confirmations confirmations() {
        return new Confirmations(store, receipts(), indexKey(), clock);
    }

    /** The page a confirmation link opens, in the receipt's language, naming the controller. */
    public ConfirmationPage confirmationPage() {
        return new ConfirmationPage(MessageTemplates.standard(), settings.controller().name());
    }

    /**
     * The outbox sender: the consent table (read, delete), its envelope (to open messages), SES and
     * SNS from {@link Settings#senderAddress()}.
     */
    public OutboxSender outboxSender() {
        return new OutboxSender(
                store,
                outbox(),
                MessageTemplates.standard(),
                new SesSnsMessenger(aws.sesV2(), aws.sns(), settings.senderAddress()),
                settings.controller().name(),
                clock);
    }

    public ReceiptService receipts() {
        return new ReceiptService(
                store,
                receiptKeys,
                settings.controller(),
                table,
                clock,
                settings.withdrawalProofRetention());
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
                new Deadlines(settings.complaintAcknowledgement(), settings.jurisdictions()),
                clock);
    }

    /**
     * The outbox dispatcher and its sweeper: the requests table and both queue URLs; {@link
     * Settings#dispatchSweepAfter()} is how long a request may wait for the stream before the
     * sweeper queues it.
     */
    public RequestDispatch requestDispatch() {
        return new RequestDispatch(
                requestStore(),
                new SqsRequestQueue(
                        aws.sqs(),
                        settings.deletionQueueUrl().orElse(null),
                        settings.complaintQueueUrl().orElse(null)),
                clock,
                settings.dispatchSweepAfter());
    }

    /** The daily deadline watch: reads the open requests (the byStatus index), emits counts. */
    public DeadlineWatch deadlineWatch() {
        return new DeadlineWatch(requestStore(), clock, new EmfMetrics(clock));
    }

    /** The deletion processor's service. */
    public Erasure erasure() {
        return new Erasure(store, requestStore(), clock, settings.privacyProofRetention());
    }

    /**
     * The complaint processor's service; it may file deletion requests, and computes subject keys
     * for them.
     */
    public ComplaintProcessing complaints() {
        return new ComplaintProcessing(
                requestStore(), privacyRequests(), requestsEnvelope(), indexKey(), requestsTable());
    }

    /**
     * The consent table's store on a DynamoDB client that sends nothing ({@link
     * AwsClients#dryRunDynamoDb()}): priming writes through the real adapter and SDK, and nothing
     * is stored.
     */
    public ConsentStore dryRunStore() {
        return new DynamoConsentStore(aws.dryRunDynamoDb(), table, settings.keysTable());
    }

    /**
     * The subject index key, unwrapped by KMS now (each call unwraps it again: after a SnapStart
     * restore the copy in the snapshot is not reused).
     */
    public SubjectKeys indexKey() {
        return IndexKey.load(store, keys, table);
    }

    private String requestsTable() {
        return settings.privacyRequestsTable();
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
}
