package dev.consentvault.functions;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.AwsOperationsStatus;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.DynamoFigures;
import dev.consentvault.aws.DynamoLedger;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.aws.DynamoPropagationStore;
import dev.consentvault.aws.DynamoReportSources;
import dev.consentvault.aws.DynamoSuppressionStore;
import dev.consentvault.aws.HttpWebhooks;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.aws.S3Reports;
import dev.consentvault.aws.SecretsManagerSigningSecrets;
import dev.consentvault.aws.SesSnsMessenger;
import dev.consentvault.aws.SqsCaptureQueue;
import dev.consentvault.aws.SqsPropagationQueue;
import dev.consentvault.aws.SqsRequestQueue;
import dev.consentvault.core.access.AccessLinks;
import dev.consentvault.core.access.MyData;
import dev.consentvault.core.access.Sessions;
import dev.consentvault.core.config.Settings;
import dev.consentvault.core.consent.ConfirmationPage;
import dev.consentvault.core.consent.Confirmations;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.DoubleOptIn;
import dev.consentvault.core.consent.HeldCaptures;
import dev.consentvault.core.consent.NoticeCensus;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.IndexKey;
import dev.consentvault.core.crypto.KeyService;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.ledger.Ledger;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.notify.MessageTemplates;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.notify.OutboxSender;
import dev.consentvault.core.privacy.CaptureScreen;
import dev.consentvault.core.privacy.ComplaintProcessing;
import dev.consentvault.core.privacy.DeadlineWatch;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.core.privacy.RequestDispatch;
import dev.consentvault.core.privacy.RequestNotices;
import dev.consentvault.core.privacy.SuppressionList;
import dev.consentvault.core.propagation.ErasurePropagation;
import dev.consentvault.core.propagation.ProcessorAcks;
import dev.consentvault.core.propagation.PropagationDelivery;
import dev.consentvault.core.propagation.WithdrawalPropagation;
import dev.consentvault.core.purpose.Purpose;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.report.ReportRun;
import dev.consentvault.core.store.ConsentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires the functions' domain services to AWS from an environment map, read through {@link
 * Settings} (tables, key, controller, catalogue, queues, retention periods). Built once per
 * container, in the handler's constructor, so clients and keys are ready before the first request
 * (the capture handler also unwraps the index key there). Each client and each table's envelope is
 * built once, however many services share it. DynamoDB and KMS are reached through the
 * JSON-protocol clients ({@link AwsClients#jsonDynamoDb()}, {@link AwsClients#jsonKms()}) unless
 * {@value #JSON_CLIENTS} is {@code false}: they load a fraction of the SDK clients' classes.
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
    private final boolean jsonClients;
    private final Supplier<PurposeCatalogue> purposes;
    private final Supplier<Jurisdictions> jurisdictions;
    private DynamoPrivacyRequestStore requestStore;
    private Envelope requestsEnvelope;
    private DynamoPropagationStore propagationStore;
    private SqsClient sqs;
    private PropagationDelivery propagationDelivery;
    private SecretsManagerSigningSecrets signingSecrets;

    /**
     * Whether a function's DynamoDB and KMS clients are the JSON-protocol ones ({@code true}, the
     * default, when the environment gives credentials: keys, or a container credentials endpoint as
     * a SnapStart function's does) or the AWS SDK's own ({@code false}, as before issue 13). Every
     * other service (SQS, SES, SNS, S3, Secrets Manager) is the SDK's client either way.
     */
    public static final String JSON_CLIENTS = "JSON_CLIENTS";

    public Wiring(Map<String, String> env, List<ExecutionInterceptor> interceptors, Clock clock) {
        this(env, interceptors, clock, false);
    }

    private Wiring(
            Map<String, String> env,
            List<ExecutionInterceptor> interceptors,
            Clock clock,
            boolean capture) {
        this.settings = new Settings(env);
        this.table = settings.consentTable();
        this.clock = clock;
        if (capture) {
            // parsed (with the JSON reader's classes loaded) while the AWS clients are built
            this.purposes = Background.start("catalogue", settings::purposes);
            this.jurisdictions = Background.start("jurisdictions", settings::jurisdictions);
        } else {
            this.purposes = once(settings::purposes);
            this.jurisdictions = once(settings::jurisdictions);
        }
        this.aws = new AwsClients(env, interceptors);
        this.jsonClients =
                aws.signsFromEnvironment()
                        && !"false".equalsIgnoreCase(env.getOrDefault(JSON_CLIENTS, "true"));
        Supplier<KmsClient> kms;
        if (jsonClients) {
            // DynamoDB and KMS on the JSON protocol over the JDK's HTTP client: ~1,700 fewer
            // classes to load before the first answer than the SDK's clients
            kms = once(aws::jsonKms);
            this.dynamo = aws.jsonDynamoDb();
        } else {
            // the KMS client is built while the DynamoDB client is
            kms = Background.start("kms", aws::kms);
            this.dynamo = aws.dynamoDb();
        }
        this.store =
                new DynamoConsentStore(
                        dynamo,
                        table,
                        settings.keysTable(),
                        tellsProcessors() ? settings.privacyRequestsTable() : null);
        this.keys = new KmsKeyService(kms, settings.kmsKeyId());
        this.envelope = Envelope.forTable(keys, table, clock);
        this.receiptKeys = new ReceiptKeys(envelope, settings.keysTable());
    }

    public Wiring(Map<String, String> env) {
        this(env, List.of(), Clock.systemUTC());
    }

    /**
     * The wiring of the capture function, whose first answer needs the catalogue and the
     * jurisdiction packs: both are parsed on threads of their own from the start, while the AWS
     * clients are built.
     */
    public static Wiring forCapture(Map<String, String> env) {
        return forCapture(env, List.of(), Clock.systemUTC());
    }

    /** As {@link #forCapture(Map)}, with interceptors on its AWS calls (tests, benchmarks). */
    public static Wiring forCapture(
            Map<String, String> env, List<ExecutionInterceptor> interceptors, Clock clock) {
        return new Wiring(env, interceptors, clock, true);
    }

    /** Whether this wiring's DynamoDB and KMS clients are the JSON-protocol ones. */
    public boolean jsonClients() {
        return jsonClients;
    }

    /** The purposes catalogue, parsed once per container. */
    public PurposeCatalogue purposes() {
        return purposes.get();
    }

    /** The jurisdiction packs with any fallback, read once per container. */
    public Jurisdictions jurisdictions() {
        return jurisdictions.get();
    }

    /** {@code work}'s result, computed by the first caller and kept. */
    private static <T> Supplier<T> once(Supplier<T> work) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = work.get();
                }
                return value;
            }
        };
    }

    /**
     * The capture service; its store holds a throttled capture on the capture buffer queue when one
     * is configured.
     */
    public ConsentCapture capture() {
        // the index key (a DynamoDB read, then KMS) is unwrapped while the catalogue is parsed,
        Supplier<SubjectKeys> indexKey = Background.start("index-key", this::indexKey);
        // and the data key the first capture seals with is generated meanwhile (KMS alone)
        Supplier<Boolean> dataKey =
                Background.start(
                        "data-key",
                        () -> {
                            ConsentCapture.prepareSealing(receiptKeys);
                            return true;
                        });
        ConsentStore captureStore = store;
        Optional<String> bufferUrl = settings.captureBufferQueueUrl();
        if (bufferUrl.isPresent()) {
            // built by the first capture held while DynamoDB throttles: the ~70 classes of an SQS
            // client are not loaded into every cold start for a path most containers never take
            Supplier<SqsClient> bufferSqs = this::sqs;
            captureStore =
                    store.withWritePatience(settings.captureWritePatience())
                            .withBuffer(
                                    heldCaptures()
                                            .buffer(
                                                    new SqsCaptureQueue(
                                                            bufferSqs, bufferUrl.get())));
        }
        ConsentCapture capture =
                new ConsentCapture(
                        purposes(),
                        jurisdictions(),
                        captureStore,
                        receiptKeys,
                        indexKey.get(),
                        settings.controller(),
                        table,
                        clock,
                        new DoubleOptIn(
                                outbox(),
                                settings.confirmationWindow(),
                                settings.publicBaseUrl().orElse(null)));
        // the first capture's data key was generated while the index key was unwrapped
        dataKey.get();
        return capture;
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

    /**
     * Viewing receipts and withdrawing consent; where the function tells processors (the withdrawal
     * function), a withdrawal also writes their notices.
     */
    public ReceiptService receipts() {
        return new ReceiptService(
                store,
                receiptKeys,
                settings.controller(),
                table,
                clock,
                settings.withdrawalProofRetention(),
                purposes().notices(),
                tellsProcessors()
                        ? new WithdrawalPropagation(
                                settings.processors(),
                                requestsEnvelope(),
                                requestsTable(),
                                settings.withdrawalNoticeTarget())
                        : null);
    }

    /**
     * Whether this function records notices for processors: those the template gives the signing
     * secrets' prefix (erasure and withdrawal, the sender, the acknowledgements).
     */
    private boolean tellsProcessors() {
        return settings.processorSecretPrefix().isPresent();
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
                new Deadlines(settings.complaintAcknowledgement(), jurisdictions()),
                clock,
                notices());
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
                        sqs(),
                        settings.deletionQueueUrl().orElse(null),
                        settings.complaintQueueUrl().orElse(null)),
                clock,
                settings.dispatchSweepAfter(),
                propagationDelivery());
    }

    /**
     * Access links and codes: the consent table (links, counters, the outbox) and the index key,
     * unwrapped now.
     */
    public AccessLinks accessLinks() {
        return new AccessLinks(store, indexKey(), envelope, outbox(), table, clock);
    }

    /** Verified sessions: the consent table and its envelope (their contact is sealed). */
    public Sessions sessions() {
        return new Sessions(store, envelope, table, clock);
    }

    /** What a verified session may do: receipts, withdrawals, export, deletion. */
    public MyData myData() {
        return new MyData(
                store,
                sessions(),
                receipts(),
                privacyRequests(),
                settings.privacyProofRetention(),
                clock);
    }

    /** Where links in messages point: {@code PUBLIC_BASE_URL}, or empty for the API's own URL. */
    public Optional<String> publicBaseUrl() {
        return settings.publicBaseUrl();
    }

    /** Messages about requests, written to the consent table's outbox with the request's write. */
    private RequestNotices notices() {
        return new RequestNotices(outbox());
    }

    /**
     * The daily deadline watch: reads the open requests and the processor notices not acknowledged
     * yet (both from the byStatus index), emits counts.
     */
    public DeadlineWatch deadlineWatch() {
        return new DeadlineWatch(
                requestStore(),
                propagationStore()::unacknowledgedDueBy,
                clock,
                new EmfMetrics(clock));
    }

    /** The deletion processor's service. */
    public Erasure erasure() {
        return new Erasure(
                store,
                requestStore(),
                clock,
                settings.privacyProofRetention(),
                new Erasure.Told(requestsEnvelope(), requestsTable(), notices()),
                tellsProcessors() ? erasurePropagation() : null,
                suppressionList());
    }

    /**
     * The capture's suppression screen where {@code SUPPRESSION_ON_CAPTURE=flag}, else null (the
     * default: no extra read per capture).
     */
    public CaptureScreen captureScreen() {
        return settings.suppressionOnCapture()
                ? new CaptureScreen(suppressionList(), new EmfMetrics(clock))
                : null;
    }

    /**
     * The suppression list (keyed hashes in the requests table); the index key is unwrapped the
     * first time an entry is computed.
     */
    public SuppressionList suppressionList() {
        return new SuppressionList(
                new DynamoSuppressionStore(dynamo, requestsTable()), once(this::indexKey));
    }

    /** Records, before an erasure deletes anything, what each processor must be told. */
    public ErasurePropagation erasurePropagation() {
        return new ErasurePropagation(
                store,
                receiptKeys,
                table,
                settings.processors(),
                propagationStore(),
                requestsEnvelope(),
                requestsTable(),
                purposes().all().stream()
                        .filter(p -> !p.thirdParties().isEmpty())
                        .map(Purpose::id)
                        .collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * The propagation outbox carried out: queueing notices (the dispatcher), posting signed
     * webhooks (the sender) and recording acknowledgements.
     */
    public PropagationDelivery propagationDelivery() {
        if (propagationDelivery == null) {
            propagationDelivery =
                    new PropagationDelivery(
                            propagationStore(),
                            settings.processors(),
                            requestsEnvelope(),
                            requestsTable(),
                            signingSecrets(),
                            new HttpWebhooks(Duration.ofSeconds(2), Duration.ofSeconds(4)),
                            new SqsPropagationQueue(
                                    sqs(), settings.propagationQueueUrl().orElse(null)),
                            clock,
                            settings.privacyProofRetention(),
                            settings.withdrawalProofRetention(),
                            (requestId, at) ->
                                    new Erasure.Told(requestsEnvelope(), requestsTable(), notices())
                                            .completed(requestStore(), requestId, at));
        }
        return propagationDelivery;
    }

    /**
     * Makes a failed propagation message visible again after the given delay (the sender's
     * backoff), on the processor-propagations queue.
     */
    public BiConsumer<String, Duration> retryDelay() {
        String queueUrl = settings.propagationQueueUrl().orElse(null);
        return (receiptHandle, delay) ->
                sqs().changeMessageVisibility(
                                r ->
                                        r.queueUrl(queueUrl)
                                                .receiptHandle(receiptHandle)
                                                .visibilityTimeout((int) delay.toSeconds()));
    }

    /** {@code POST /v1/processor-acks}. */
    public ProcessorAcks processorAcks() {
        return new ProcessorAcks(
                settings.processors(),
                signingSecrets(),
                propagationStore(),
                propagationDelivery(),
                clock);
    }

    /** The processors' signing secrets: the client is built, and each secret read, on first use. */
    public SecretsManagerSigningSecrets signingSecrets() {
        if (signingSecrets == null) {
            signingSecrets =
                    new SecretsManagerSigningSecrets(
                            aws::secretsManager,
                            settings.processorSecretPrefix().orElse("unset/processors/"));
        }
        return signingSecrets;
    }

    /** The SQS client, built on first use (the local run's gateway may ask from two threads). */
    private synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = aws.sqs();
        }
        return sqs;
    }

    private DynamoPropagationStore propagationStore() {
        if (propagationStore == null) {
            propagationStore = new DynamoPropagationStore(dynamo, requestsTable(), table);
        }
        return propagationStore;
    }

    /**
     * The complaint processor's service; it may file deletion requests, and computes subject keys
     * for them.
     */
    public ComplaintProcessing complaints() {
        return new ComplaintProcessing(
                requestStore(), privacyRequests(), requestsEnvelope(), indexKey(), requestsTable());
    }

    /** Held captures, sealed under the consent table's envelope. */
    public HeldCaptures heldCaptures() {
        return new HeldCaptures(envelope, table);
    }

    /** The consent table's store without a buffer: the drainer writes what was held. */
    public ConsentStore store() {
        return store;
    }

    /**
     * The consent table's store on a DynamoDB client of the same kind that sends nothing ({@link
     * AwsClients#dryRunDynamoDb()}, {@link AwsClients#dryRunJsonDynamoDb()}): priming writes
     * through the real adapter and client, and nothing is stored.
     */
    public ConsentStore dryRunStore() {
        return new DynamoConsentStore(
                jsonClients ? aws.dryRunJsonDynamoDb() : aws.dryRunDynamoDb(),
                table,
                settings.keysTable());
    }

    /**
     * The subject index key, unwrapped by KMS now (each call unwraps it again: after a SnapStart
     * restore the copy in the snapshot is not reused).
     */
    public SubjectKeys indexKey() {
        return IndexKey.load(store, keys, table);
    }

    /** The ledger, appended to from both tables' streams. */
    public Ledger ledger() {
        return new DynamoLedger(dynamo, settings.ledgerTable(), clock);
    }

    /** The consent figures' counters. */
    public Figures figures() {
        return new DynamoFigures(dynamo, settings.figuresTable(), clock);
    }

    /** The monthly review report: figures, requests, the ledger, into the reports bucket. */
    public ReportRun monthlyReport() {
        return new ReportRun(
                figures(),
                new DynamoReportSources(dynamo, requestsTable()),
                ledger(),
                new AwsOperationsStatus(
                        sqs(),
                        AwsOperationsStatus.parseQueues(settings.deadLetterQueues()),
                        aws.kms(),
                        settings.kmsKeyId(),
                        purposes().notices(),
                        () -> store.scanReceipts(NoticeCensus.ATTRIBUTES)),
                new S3Reports(aws.s3(), settings.reportsBucket(), settings.kmsKeyId()),
                clock);
    }

    /** The consent table, read for a receipt's campaign and page. */
    public ConsentStore consents() {
        return store;
    }

    private String requestsTable() {
        return settings.privacyRequestsTable();
    }

    private DynamoPrivacyRequestStore requestStore() {
        if (requestStore == null) {
            requestStore = new DynamoPrivacyRequestStore(dynamo, requestsTable(), table);
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
