package dev.consentvault.aws;

import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.propagation.SigningSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The processors' signing secrets, {@code {prefix}{processorId}} in Secrets Manager, each read the
 * first time it is needed and kept for the container's life (a rotation reaches new containers).
 * The client is built on first use, so functions that never sign pay nothing for it, and nothing
 * secret is read before a SnapStart snapshot.
 */
public final class SecretsManagerSigningSecrets implements SigningSecrets {

    private final Supplier<SecretsManagerClient> client;
    private final String prefix;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private volatile SecretsManagerClient built;

    public SecretsManagerSigningSecrets(Supplier<SecretsManagerClient> client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    @Override
    public byte[] secret(String processorId) {
        return cache.computeIfAbsent(processorId, this::read).clone();
    }

    private byte[] read(String processorId) {
        try {
            String value =
                    client().getSecretValue(r -> r.secretId(prefix + processorId)).secretString();
            if (value == null || value.length() < 32) {
                throw new IllegalStateException(
                        "the signing secret of processor " + processorId + " is missing or short");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        } catch (SdkException e) {
            throw new DependencyUnavailableException(
                    "GetSecretValue failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private SecretsManagerClient client() {
        if (built == null) {
            synchronized (this) {
                if (built == null) {
                    built = client.get();
                }
            }
        }
        return built;
    }
}
