package dev.consentvault.aws;

import dev.consentvault.core.report.ReportStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The reports bucket. Each object is encrypted with SSE-KMS under the project key: named explicitly
 * when {@code kmsKeyId} is given, else by the bucket's default encryption.
 */
public final class S3Reports implements ReportStore {

    private final S3Client s3;
    private final String bucket;
    private final String kmsKeyId;

    public S3Reports(S3Client s3, String bucket, String kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public String put(String key, byte[] body, String contentType) {
        s3.putObject(
                r -> {
                    r.bucket(bucket).key(key).contentType(contentType);
                    if (kmsKeyId != null) {
                        r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
                    }
                },
                RequestBody.fromBytes(body));
        return "s3://" + bucket + "/" + key;
    }
}
