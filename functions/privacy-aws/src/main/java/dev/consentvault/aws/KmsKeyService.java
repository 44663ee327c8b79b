package dev.consentvault.aws;

import dev.consentvault.core.crypto.DataKey;
import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.core.crypto.KeyService;
import dev.consentvault.core.crypto.KeyServiceUnavailableException;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/** Data keys from AWS KMS under the project's customer-managed key. */
public final class KmsKeyService implements KeyService {

    private final Supplier<KmsClient> kms;
    private final String keyId;

    public KmsKeyService(KmsClient kms, String keyId) {
        this(() -> kms, keyId);
    }

    /**
     * @param kms the client, asked for at each call (a function builds it while other init runs)
     */
    public KmsKeyService(Supplier<KmsClient> kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public DataKey generateDataKey(Map<String, String> encryptionContext) {
        try {
            GenerateDataKeyResponse response =
                    kms.get()
                            .generateDataKey(
                                    r ->
                                            r.keyId(keyId)
                                                    .keySpec(DataKeySpec.AES_256)
                                                    .encryptionContext(encryptionContext));
            return new DataKey(
                    response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray());
        } catch (SdkException e) {
            throw new KeyServiceUnavailableException(
                    "GenerateDataKey failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public byte[] decrypt(byte[] wrappedKey, Map<String, String> encryptionContext) {
        try {
            return kms.get()
                    .decrypt(
                            r ->
                                    r.keyId(keyId)
                                            .ciphertextBlob(SdkBytes.fromByteArray(wrappedKey))
                                            .encryptionContext(encryptionContext))
                    .plaintext()
                    .asByteArray();
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            // not an outage: the wrapped key was tampered with or belongs to another context
            throw new DecryptionFailedException("KMS refused to unwrap the data key", e);
        } catch (SdkException e) {
            throw new KeyServiceUnavailableException(
                    "Decrypt failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
