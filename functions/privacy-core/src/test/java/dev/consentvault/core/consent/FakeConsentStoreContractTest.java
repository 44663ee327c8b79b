package dev.consentvault.core.consent;

import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentStoreContract;

/** The fake the domain's tests rely on keeps the contract DynamoDB keeps. */
class FakeConsentStoreContractTest extends ConsentStoreContract {

    @Override
    protected ConsentStore newStore() {
        return new FakeConsentStore();
    }
}
