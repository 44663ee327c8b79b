package dev.consentvault.local.cloud;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in Docker, for developers who have a Docker engine. The image is pinned to 4.14.0, the
 * last that runs without an account; with {@code LOCALSTACK_AUTH_TOKEN} set the token is passed on
 * and {@code LOCALSTACK_IMAGE} may name a newer image.
 */
final class LocalStackCloud implements LocalCloud {

    static final String PINNED_IMAGE = "localstack/localstack:4.14.0";

    private final LocalStackContainer container;

    private LocalStackCloud(LocalStackContainer container) {
        this.container = container;
    }

    /** Cheap checks first, so machines without Docker do not pay for Testcontainers' probing. */
    static boolean dockerAvailable() {
        String host = System.getenv("DOCKER_HOST");
        if ((host == null || host.isBlank()) && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    static LocalStackCloud start(Map<String, String> env) {
        String token = env.get("LOCALSTACK_AUTH_TOKEN");
        boolean licensed = token != null && !token.isBlank();
        String image =
                licensed && env.get("LOCALSTACK_IMAGE") != null
                        ? env.get("LOCALSTACK_IMAGE")
                        : PINNED_IMAGE;
        LocalStackContainer container =
                new LocalStackContainer(
                                DockerImageName.parse(image)
                                        .asCompatibleSubstituteFor("localstack/localstack"))
                        .withServices(
                                "dynamodb", "dynamodbstreams", "kms", "sqs", "logs", "cloudwatch");
        if (licensed) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        container.start();
        return new LocalStackCloud(container);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public String description() {
        return "LocalStack (" + container.getDockerImageName() + ") on " + endpoint();
    }

    @Override
    public void close() {
        container.stop();
    }
}
