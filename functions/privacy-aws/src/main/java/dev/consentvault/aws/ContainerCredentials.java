package dev.consentvault.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * The credentials a SnapStart function is given: not in {@code AWS_ACCESS_KEY_ID} and its siblings
 * but at the container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, asked with
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} or the token in {@code
 * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}), which answers {@code AccessKeyId}, {@code
 * SecretAccessKey}, {@code Token} and {@code Expiration}. Kept until five minutes before they
 * expire; none are kept in a SnapStart snapshot (dropped before the checkpoint and again after a
 * restore), so a restored copy asks for its own.
 *
 * <p>Like the SDK's container provider, a plain-HTTP endpoint must be on this machine (loopback) or
 * the container hosts' link-local address; anything else must be HTTPS.
 */
final class ContainerCredentials implements Supplier<SigV4.Credentials>, Resource {

    static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    static final String TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    static final String TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI endpoint;
    private final String token;
    private final Path tokenFile;
    private final Clock clock;
    private SigV4.Credentials current;
    private Instant expiration;

    private ContainerCredentials(URI endpoint, String token, Path tokenFile, Clock clock) {
        this.endpoint = endpoint;
        this.token = token;
        this.tokenFile = tokenFile;
        this.clock = clock;
        // SnapStart: no credentials in the snapshot, and none of the snapshot's after a restore
        Core.getGlobalContext().register(this);
    }

    /** The endpoint's credentials, or null when the environment names no endpoint. */
    static ContainerCredentials fromEnvironment(Map<String, String> env, Clock clock) {
        String uri = env.get(FULL_URI);
        if (uri == null || uri.isBlank()) {
            return null;
        }
        URI endpoint = URI.create(uri.trim());
        if (!allowed(endpoint)) {
            throw new IllegalArgumentException(
                    FULL_URI
                            + " must be HTTPS, or HTTP to this machine or the container hosts'"
                            + " address; it names "
                            + endpoint.getScheme()
                            + "://"
                            + endpoint.getHost());
        }
        String file = env.get(TOKEN_FILE);
        return new ContainerCredentials(
                endpoint,
                env.get(TOKEN),
                file == null || file.isBlank() ? null : Path.of(file),
                clock);
    }

    private static boolean allowed(URI endpoint) {
        if ("https".equalsIgnoreCase(endpoint.getScheme())) {
            return true;
        }
        if (!"http".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            return false;
        }
        String host = endpoint.getHost();
        if (host.equals("169.254.170.2")
                || host.equals("169.254.170.23")
                || host.equalsIgnoreCase("[fd00:ec2::23]")) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (IOException unknown) {
            return false;
        }
    }

    @Override
    public synchronized SigV4.Credentials get() {
        if (current == null || !clock.instant().isBefore(expiration.minus(REFRESH_BEFORE_EXPIRY))) {
            fetch();
        }
        return current;
    }

    /** Drops the credentials held: the next request asks the endpoint. */
    synchronized void forget() {
        current = null;
        expiration = null;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        forget();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        forget();
    }

    private void fetch() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            String authorization = authorization();
            if (authorization != null) {
                connection.setRequestProperty("Authorization", authorization);
            }
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException(
                        "the container credentials endpoint answered " + status);
            }
            JsonNode answer;
            try (InputStream in = connection.getInputStream()) {
                answer = Json.read(in);
            }
            String id = answer.path("AccessKeyId").asText("");
            String secret = answer.path("SecretAccessKey").asText("");
            if (id.isEmpty() || secret.isEmpty() || !answer.hasNonNull("Expiration")) {
                throw new IllegalStateException(
                        "the container credentials endpoint answered no key, secret or expiry");
            }
            current = new SigV4.Credentials(id, secret, answer.path("Token").asText(null));
            expiration = Instant.parse(answer.get("Expiration").asText());
        } catch (IOException | java.time.format.DateTimeParseException e) {
            // no cause kept: a parser's message may quote the answer, which holds a secret
            throw new IllegalStateException(
                    "cannot read the container credentials: " + e.getClass().getSimpleName());
        }
    }

    private String authorization() throws IOException {
        if (tokenFile != null) {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        }
        return token == null || token.isBlank() ? null : token.trim();
    }
}
