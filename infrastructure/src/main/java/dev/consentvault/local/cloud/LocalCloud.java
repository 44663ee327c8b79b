package dev.consentvault.local.cloud;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS-compatible endpoint the local run and the integration tests use, resolved in this order:
 *
 * <ol>
 *   <li>{@code AWS_ENDPOINT_URL}, when set: an already running local cloud (or a real account);
 *   <li>LocalStack in Docker via Testcontainers, when a Docker engine answers;
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

    @Override
    void close();

    static LocalCloud resolve(Path projectRoot, Map<String, String> env) {
        String endpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            return new ExternalCloud(URI.create(endpoint));
        }
        if (LocalStackCloud.dockerAvailable()) {
            return LocalStackCloud.start(env);
        }
        return MotoServer.start(projectRoot);
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
