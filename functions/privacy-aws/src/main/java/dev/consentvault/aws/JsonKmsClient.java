package dev.consentvault.aws;

import static dev.consentvault.aws.JsonRpcClient.error;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DependencyTimeoutException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidGrantTokenException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyUnavailableException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * The data-key operations of {@link KmsClient} (GenerateDataKey, Decrypt, Encrypt) on {@link
 * JsonRpcClient}; any other operation is the SDK's default, {@link UnsupportedOperationException}.
 * Built by {@link AwsClients#jsonKms()}.
 */
final class JsonKmsClient implements KmsClient {

    static final JsonRpcClient.Service SERVICE =
            new JsonRpcClient.Service(
                    "kms",
                    "Kms",
                    "TrentService.",
                    "application/x-amz-json-1.1",
                    // the SDK's legacy policy: 3 retries from a 100 ms base
                    4,
                    Duration.ofMillis(100),
                    Map.ofEntries(
                            error(
                                    "InvalidCiphertextException",
                                    InvalidCiphertextException::builder),
                            error("IncorrectKeyException", IncorrectKeyException::builder),
                            error("InvalidKeyUsageException", InvalidKeyUsageException::builder),
                            error(
                                    "InvalidGrantTokenException",
                                    InvalidGrantTokenException::builder),
                            error("NotFoundException", NotFoundException::builder),
                            error("DisabledException", DisabledException::builder),
                            error("KeyUnavailableException", KeyUnavailableException::builder),
                            error(
                                    "DependencyTimeoutException",
                                    DependencyTimeoutException::builder),
                            error("KMSInternalException", KmsInternalException::builder),
                            error("KMSInvalidStateException", KmsInvalidStateException::builder)),
                    KmsException::builder,
                    Map.of());

    private final JsonRpcClient rpc;

    JsonKmsClient(JsonRpcClient rpc) {
        this.rpc = rpc;
    }

    @Override
    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
        return rpc.call("GenerateDataKey", request, GenerateDataKeyResponse.builder());
    }

    @Override
    public DecryptResponse decrypt(DecryptRequest request) {
        return rpc.call("Decrypt", request, DecryptResponse.builder());
    }

    @Override
    public EncryptResponse encrypt(EncryptRequest request) {
        return rpc.call("Encrypt", request, EncryptResponse.builder());
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // connections belong to the JDK's keep-alive cache
    }
}
