package dev.consentvault.support;

/**
 * The physical names template.yaml gives a stack's resources ({@code ${AWS::StackName}-consents}
 * ...), so staff name the stack and nothing else.
 */
record StackNames(String stack) {

    /** The stack the local run provisions (infrastructure/run-local). */
    static final String LOCAL_STACK = "consent-vault-local";

    String consentTable() {
        return stack + "-consents";
    }

    String keysTable() {
        return stack + "-receipt-keys";
    }

    String requestsTable() {
        return stack + "-privacy-requests";
    }

    String ledgerTable() {
        return stack + "-ledger";
    }

    String figuresTable() {
        return stack + "-figures";
    }

    /** Bucket names are global: the template adds the account id. */
    String reportsBucket(String accountId) {
        return stack + "-reports-" + accountId;
    }

    String keyAlias() {
        return "alias/" + stack + "-consent";
    }
}
