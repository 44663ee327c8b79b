package dev.consentvault.local.it;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.RecordBinding;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything the system holds that could open a sealed field, used as its functions use it: the KMS
 * key (through the consent table's envelope) and the receipt keys table, read afresh on each call.
 */
final class SystemKeys {

    private final String table;
    private final Envelope envelope;
    private final ReceiptKeys receiptKeys;
    private final DynamoConsentStore store;

    SystemKeys(LocalCloudFixture cloud) {
        Map<String, String> env = cloud.functionEnvironment("ViewReceiptFunction");
        AwsClients aws = new AwsClients(env);
        this.table = cloud.consentTable();
        this.envelope =
                Envelope.forTable(
                        new KmsKeyService(aws.kms(), env.get("KMS_KEY_ID")),
                        table,
                        Clock.systemUTC());
        this.receiptKeys = new ReceiptKeys(envelope, cloud.keysTable());
        this.store = new DynamoConsentStore(aws.dynamoDb(), table, cloud.keysTable());
    }

    /** The data key alone, as fields were sealed before receipt keys existed. */
    Envelope envelope() {
        return envelope;
    }

    ReceiptKeys receiptKeys() {
        return receiptKeys;
    }

    /** Opens a sealed value bound to an item of receipt {@code receiptId}, as a reader would. */
    byte[] open(byte[] sealed, RecordBinding binding, String receiptId) {
        return receiptKeys.open(
                sealed,
                binding,
                () ->
                        store.receiptKey(receiptId)
                                .map(k -> receiptKeys.unwrap(receiptId, k.wrappedKey())));
    }

    /** Opens the sealed field of a raw consent-table item (a copy, a backup, a scan). */
    byte[] open(Map<String, AttributeValue> item) {
        String pk = item.get("pk").s();
        return open(
                item.get("sealed").b().asByteArray(),
                new RecordBinding(table, pk, item.get("sk").s(), "sealed"),
                pk.substring("RECEIPT#".length()));
    }
}
