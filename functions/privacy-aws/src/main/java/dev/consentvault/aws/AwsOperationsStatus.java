package dev.consentvault.aws;

import dev.consentvault.core.consent.NoticeCensus;
import dev.consentvault.core.purpose.NoticeRegistry;
import dev.consentvault.core.report.OperationsStatus;
import dev.consentvault.core.store.StoredItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The plumbing as the report reads it: SQS {@code GetQueueAttributes} of each dead-letter and
 * on-failure queue, KMS {@code GetKeyRotationStatus} of the project key, and the notice census (the
 * consent table's receipts projected to their notice version, purposes and statuses). A queue or a
 * key that cannot be read is shown as such, so one missing permission does not cost the month's
 * report.
 */
public final class AwsOperationsStatus implements OperationsStatus {

    private final SqsClient sqs;
    private final Map<String, String> queues;
    private final KmsClient kms;
    private final String keyId;
    private final NoticeRegistry notices;
    private final Supplier<? extends Iterable<StoredItem>> receipts;

    /**
     * @param queues each queue's short name to its URL, or to its full name (then looked up)
     * @param keyId the project key's id or ARN, or its alias ({@code alias/...}, then described)
     * @param receipts the consent table's receipt and decision items, projected to {@link
     *     NoticeCensus#ATTRIBUTES}
     */
    public AwsOperationsStatus(
            SqsClient sqs,
            Map<String, String> queues,
            KmsClient kms,
            String keyId,
            NoticeRegistry notices,
            Supplier<? extends Iterable<StoredItem>> receipts) {
        this.sqs = sqs;
        this.queues = Map.copyOf(queues);
        this.kms = kms;
        this.keyId = keyId;
        this.notices = notices;
        this.receipts = receipts;
    }

    /**
     * The functions' {@code DEAD_LETTER_QUEUES}: {@code name=url} pairs separated by spaces, as the
     * template writes them.
     */
    public static Map<String, String> parseQueues(String value) {
        Map<String, String> queues = new LinkedHashMap<>();
        if (value == null) {
            return queues;
        }
        for (String pair : value.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                queues.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return queues;
    }

    @Override
    public Map<String, Long> deadLetterDepths() {
        Map<String, Long> depths = new LinkedHashMap<>();
        queues.forEach((name, where) -> depths.put(name, depth(where)));
        return depths;
    }

    private long depth(String where) {
        try {
            String url =
                    where.startsWith("http")
                            ? where
                            : sqs.getQueueUrl(r -> r.queueName(where)).queueUrl();
            String n =
                    sqs.getQueueAttributes(
                                    r ->
                                            r.queueUrl(url)
                                                    .attributeNames(
                                                            QueueAttributeName
                                                                    .APPROXIMATE_NUMBER_OF_MESSAGES))
                            .attributes()
                            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return n == null ? -1 : Long.parseLong(n);
        } catch (SdkException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public Optional<Boolean> keyRotationEnabled() {
        try {
            String id =
                    keyId.startsWith("alias/")
                            ? kms.describeKey(r -> r.keyId(keyId)).keyMetadata().arn()
                            : keyId;
            return Optional.of(kms.getKeyRotationStatus(r -> r.keyId(id)).keyRotationEnabled());
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<NoticeCensus.Row> noticeVersions(Instant now) {
        return NoticeCensus.count(notices, receipts.get(), now);
    }
}
