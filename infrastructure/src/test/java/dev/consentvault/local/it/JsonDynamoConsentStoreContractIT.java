package dev.consentvault.local.it;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentStoreContract;

/**
 * The consent table's contract again, on the capture function's JSON-protocol DynamoDB client
 * ({@link AwsClients#jsonDynamoDb()}): every read and write the store makes, marshalled and
 * unmarshalled without the SDK's client.
 */
class JsonDynamoConsentStoreContractIT extends ConsentStoreContract {

    @Override
    protected ConsentStore newStore() {
        LocalCloudFixture cloud = LocalCloudFixture.get();
        return new DynamoConsentStore(
                new AwsClients(cloud.cloud.clientEnvironment()).jsonDynamoDb(),
                cloud.consentTable(),
                cloud.keysTable());
    }
}
