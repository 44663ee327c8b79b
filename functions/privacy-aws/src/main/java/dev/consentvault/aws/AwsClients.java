package dev.consentvault.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place that knows how AWS clients are built: region, endpoint, credentials and HTTP
 * client. Settings come from an environment map (the process environment in Lambda; the template's
 * variables when the local gateway hosts a handler), so every function builds clients the same way.
 *
 * <p>{@code AWS_ENDPOINT_URL} points every client at a local cloud (moto or LocalStack).
 * Credentials come from {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code
 * AWS_SESSION_TOKEN} when set (as Lambda sets them), else from the default chain (profiles, SSO)
 * for staff tools.
 *
 * <p>In a Lambda function ({@code AWS_LAMBDA_FUNCTION_NAME} set, as Lambda and the local run set
 * it) every call, retries included, ends within {@link #FUNCTION_CALL_TIMEOUT}, which fits inside
 * every function's timeout (template.yaml: at least 10 s) less {@link
 * dev.consentvault.core.TimeBudget#SAFETY_MARGIN}; within an invocation each call is also cut to
 * the invocation's remaining {@link dev.consentvault.core.TimeBudget}. Staff tools and the local
 * cloud's own tooling, which have no such timeout, allow {@link #TOOL_CALL_TIMEOUT}.
 */
public final class AwsClients {

    /** The longest one call of a function may take, retries included. */
    public static final Duration FUNCTION_CALL_TIMEOUT = Duration.ofSeconds(8);

    /** The longest one call of a tool may take (a scan page of a large table can be slow). */
    public static final Duration TOOL_CALL_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final List<ExecutionInterceptor> interceptors;
    private final SdkHttpClient http;
    private final Duration callTimeout;
    private final Duration socketTimeout;
    private final java.util.function.Supplier<SigV4.Credentials> environmentCredentials;

    public AwsClients(Map<String, String> env, List<ExecutionInterceptor> interceptors) {
        this.region =
                Region.of(
                        env.getOrDefault(
                                "AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1")));
        String endpointUrl = env.get("AWS_ENDPOINT_URL");
        this.endpoint =
                endpointUrl == null || endpointUrl.isBlank() ? null : URI.create(endpointUrl);
        this.credentials = credentials(env);
        if (env.get("AWS_ACCESS_KEY_ID") != null && env.get("AWS_SECRET_ACCESS_KEY") != null) {
            SigV4.Credentials keys =
                    new SigV4.Credentials(
                            env.get("AWS_ACCESS_KEY_ID"),
                            env.get("AWS_SECRET_ACCESS_KEY"),
                            env.get("AWS_SESSION_TOKEN"));
            this.environmentCredentials = () -> keys;
        } else {
            // a SnapStart function's: at the container credentials endpoint (or none: null)
            java.util.function.Supplier<SigV4.Credentials> container;
            try {
                container = ContainerCredentials.fromEnvironment(env, java.time.Clock.systemUTC());
            } catch (IllegalArgumentException notForUs) {
                // an endpoint this client will not ask: the SDK's clients and their own rules
                container = null;
            }
            this.environmentCredentials = container;
        }
        boolean function = env.containsKey("AWS_LAMBDA_FUNCTION_NAME");
        this.callTimeout = function ? FUNCTION_CALL_TIMEOUT : TOOL_CALL_TIMEOUT;
        // a function retries a stalled read within its budget; a tool waits
        this.socketTimeout = function ? Duration.ofSeconds(5) : TOOL_CALL_TIMEOUT;
        List<ExecutionInterceptor> all = new ArrayList<>();
        all.add(new BudgetedCalls(callTimeout));
        all.addAll(interceptors);
        this.interceptors = List.copyOf(all);
        this.http =
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(socketTimeout)
                        .build();
    }

    public AwsClients(Map<String, String> env) {
        this(env, List.of());
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).httpClient(http).build();
    }

    /**
     * A DynamoDB client configured like {@link #dynamoDb()} whose requests are never sent: each is
     * marshalled and signed, then answered locally with an empty success. For priming before a
     * SnapStart snapshot only.
     */
    public DynamoDbClient dryRunDynamoDb() {
        return configure(DynamoDbClient.builder()).httpClient(new DryRunHttpClient()).build();
    }

    /**
     * Whether {@link #jsonDynamoDb()} and {@link #jsonKms()} can be built: they sign with the
     * credentials the environment gives, its keys (as Lambda sets them) or the container
     * credentials endpoint it names (as Lambda does for SnapStart functions), not the SDK's
     * provider chain (profiles, SSO: staff tools).
     */
    public boolean signsFromEnvironment() {
        return environmentCredentials != null;
    }

    /**
     * A DynamoDB client of the item operations on the JSON protocol over the JDK's HTTP client
     * ({@link JsonRpcClient}): same region, endpoint, timeouts and interceptors as {@link
     * #dynamoDb()}, a fraction of its classes to load. For a function's cold start.
     *
     * @throws IllegalStateException unless {@link #signsFromEnvironment()}
     */
    public DynamoDbClient jsonDynamoDb() {
        return new JsonDynamoDbClient(json(JsonDynamoDbClient.SERVICE, false));
    }

    /**
     * As {@link #jsonDynamoDb()}, whose requests are never sent: each is marshalled and signed,
     * then answered locally with an empty success. For priming before a SnapStart snapshot only.
     */
    public DynamoDbClient dryRunJsonDynamoDb() {
        return new JsonDynamoDbClient(json(JsonDynamoDbClient.SERVICE, true));
    }

    /** As {@link #jsonDynamoDb()}, for KMS's data-key operations. */
    public KmsClient jsonKms() {
        return new JsonKmsClient(json(JsonKmsClient.SERVICE, false));
    }

    private JsonRpcClient json(JsonRpcClient.Service service, boolean dryRun) {
        if (environmentCredentials == null) {
            throw new IllegalStateException(
                    "the JSON clients sign with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or"
                            + " the credentials at AWS_CONTAINER_CREDENTIALS_FULL_URI, and neither"
                            + " is set");
        }
        URI target =
                endpoint != null
                        ? endpoint
                        : URI.create(
                                "https://"
                                        + service.signingName()
                                        + "."
                                        + region.id()
                                        + (region.id().startsWith("cn-")
                                                ? ".amazonaws.com.cn"
                                                : ".amazonaws.com"));
        return new JsonRpcClient(
                service,
                target,
                region.id(),
                environmentCredentials,
                interceptors,
                callTimeout,
                CONNECT_TIMEOUT,
                socketTimeout,
                java.time.Clock.systemUTC(),
                dryRun);
    }

    public KmsClient kms() {
        return configure(KmsClient.builder()).httpClient(http).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).httpClient(http).build();
    }

    public software.amazon.awssdk.services.sesv2.SesV2Client sesV2() {
        return configure(software.amazon.awssdk.services.sesv2.SesV2Client.builder())
                .httpClient(http)
                .build();
    }

    /** Path-style addressing against a local endpoint: 127.0.0.1 has no bucket subdomains. */
    public S3Client s3() {
        return configure(S3Client.builder())
                .forcePathStyle(endpoint != null)
                .httpClient(http)
                .build();
    }

    public software.amazon.awssdk.services.sns.SnsClient sns() {
        return configure(software.amazon.awssdk.services.sns.SnsClient.builder())
                .httpClient(http)
                .build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder()).httpClient(http).build();
    }

    /**
     * For clients of other modules (SQS, CloudWatch): same region, endpoint, credentials,
     * interceptors.
     */
    public <
                    B extends
                            AwsClientBuilder<B, C>
                                    & software.amazon.awssdk.awscore.client.builder
                                                    .AwsSyncClientBuilder<
                                            B, C>,
                    C>
            B configure(B builder) {
        builder.region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(
                        ClientOverrideConfiguration.builder()
                                .executionInterceptors(interceptors)
                                .apiCallTimeout(callTimeout)
                                .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(
                token == null
                        ? AwsBasicCredentials.create(id, secret)
                        : AwsSessionCredentials.create(id, secret, token));
    }
}
