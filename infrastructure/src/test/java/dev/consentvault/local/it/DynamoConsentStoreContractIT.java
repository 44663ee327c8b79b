package dev.consentvault.local.it;

import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentStoreContract;

/** The DynamoDB consent table keeps the same contract as the fake the unit tests use. */
class DynamoConsentStoreContractIT extends ConsentStoreContract {

    @Override
    protected ConsentStore newStore() {
        LocalCloudFixture cloud = LocalCloudFixture.get();
        return new DynamoConsentStore(cloud.dynamo(), cloud.consentTable(), cloud.keysTable());
    }
}
