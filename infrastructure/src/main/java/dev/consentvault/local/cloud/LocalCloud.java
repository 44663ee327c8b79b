package dev.consentvault.local.cloud;

import dev.consentvault.aws.AwsClients;
import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS-compatible endpoint the local run and the integration tests use, resolved in this order:
 *
 * <ol>
 *   <li>{@code AWS_ENDPOINT_URL}, when set: an already running local cloud (or a real account);
 *   <li>{@code LOCAL_CLOUD=moto} or {@code LOCAL_CLOUD=localstack}, when set: that one, no
 *       fallback;
 *   <li>LocalStack in Docker via Testcontainers, when a Docker engine answers; moto if LocalStack
 *       then does not start;
 *   <li>moto in server mode, from a project-local Python virtual environment, on 127.0.0.1:4566.
 * </ol>
 */
public interface LocalCloud extends AutoCloseable {

    String REGION = "us-east-1";

    URI endpoint();

    /** What it is, for the start-up message ("moto 5.2.5 on http://127.0.0.1:4566"). */
    String description();

    /**
     * The variables every AWS client of the local run is given (endpoint, region, dummy
     * credentials).
     */
    default Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint().toString());
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        return env;
    }

    /**
     * Whether the endpoint still answers HTTP (any status will do). The local run stops when it
     * does not, and its pollers stay quiet about failures it explains.
     */
    default boolean reachable() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint().toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            connection.getResponseCode();
            connection.disconnect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The account the cloud puts in the ARNs it returns (moto 123456789012, LocalStack
     * 000000000000), asked of the cloud so that ARNs built here match.
     */
    default String accountId() {
        try (StsClient sts =
                new AwsClients(clientEnvironment())
                        .configure(StsClient.builder())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build()) {
            return sts.getCallerIdentity().account();
        }
    }

    @Override
    void close();

    static LocalCloud resolve(Path projectRoot, Map<String, String> env) {
        return resolve(
                env,
                () -> DockerProbe.check(env, Path.of(System.getProperty("user.home"))),
                () -> LocalStackCloud.start(env),
                () -> MotoServer.start(projectRoot),
                System.err);
    }

    /**
     * As above, with the Docker check and the two clouds' start steps passed in. Every fallback
     * prints one line saying why.
     */
    static LocalCloud resolve(
            Map<String, String> env,
            Supplier<DockerProbe.Result> docker,
            Supplier<LocalCloud> localStack,
            Supplier<LocalCloud> moto,
            PrintStream console) {
        String endpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            return new ExternalCloud(URI.create(endpoint));
        }
        String wanted = env.getOrDefault("LOCAL_CLOUD", "").strip().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "moto":
                return moto.get();
            case "localstack":
                return localStack.get();
            case "":
                break;
            default:
                throw new IllegalArgumentException(
                        "LOCAL_CLOUD is \""
                                + wanted
                                + "\"; it can be moto or localstack (or unset: LocalStack when"
                                + " Docker answers, else moto)");
        }
        DockerProbe.Result check = docker.get();
        if (!check.answers()) {
            if (check.reason() != null) {
                console.println("[local-cloud] " + check.reason() + "; using moto");
            }
            return moto.get();
        }
        try {
            return localStack.get();
        } catch (RuntimeException e) {
            console.println(
                    "[local-cloud] LocalStack did not start ("
                            + oneLine(e, env.get("LOCALSTACK_AUTH_TOKEN"))
                            + "); using moto. LOCAL_CLOUD=localstack shows the whole error.");
            return moto.get();
        }
    }

    /** The failure's own message and its root cause's, on one line, with the auth token blanked. */
    private static String oneLine(Throwable failure, String token) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(failure.getMessage());
        if (root != failure && root.getMessage() != null && !text.contains(root.getMessage())) {
            text += ": " + root.getMessage();
        }
        if (token != null && !token.isBlank()) {
            text = text.replace(token, "***");
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** A cloud somebody else runs: nothing to start or stop. */
    record ExternalCloud(URI endpoint) implements LocalCloud {
        @Override
        public String description() {
            return "the endpoint in AWS_ENDPOINT_URL, " + endpoint;
        }

        @Override
        public void close() {}
    }
}
