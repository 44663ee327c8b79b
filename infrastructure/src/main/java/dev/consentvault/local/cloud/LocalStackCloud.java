package dev.consentvault.local.cloud;

import java.net.URI;
import java.util.Map;
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
                                "dynamodb",
                                "dynamodbstreams",
                                "kms",
                                "sqs",
                                "sts",
                                "logs",
                                "cloudwatch")
                        // queue URLs on the host and port the request came to (the mapped port),
                        // not LocalStack's own localhost.localstack.cloud:4566 inside the container
                        .withEnv("SQS_ENDPOINT_STRATEGY", "path");
        if (licensed) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        System.err.println(
                "[local-cloud] starting LocalStack ("
                        + image
                        + ") in Docker; the first run downloads the image, which takes a while");
        try {
            container.start();
        } catch (RuntimeException e) {
            // a container that was created but never became ready is not left running
            try {
                container.stop();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
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
