package dev.consentvault.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The physical names template.yaml gives a stack's resources ({@code ${AWS::StackName}-consents}
 * ...), so staff name the stack and nothing else.
 */
record StackNames(String stack) {

    /**
     * The dead-letter and on-failure queues the monthly report shows, by their QueueName less the
     * stack's prefix: the names template.yaml's DEAD_LETTER_QUEUES gives the function.
     */
    static final List<String> DEAD_LETTER_QUEUES =
            List.of(
                    "accountability-failures",
                    "capture-buffer-dlq",
                    "complaints-dlq",
                    "deletion-requests-dlq",
                    "message-send-failures",
                    "processor-propagations-dlq",
                    "request-dispatch-failures",
                    "retention-audit-failures");

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

    /** Each dead-letter queue's short name to its full name. */
    Map<String, String> deadLetterQueues() {
        Map<String, String> queues = new LinkedHashMap<>();
        DEAD_LETTER_QUEUES.forEach(q -> queues.put(q, stack + "-" + q));
        return queues;
    }

    String keyAlias() {
        return "alias/" + stack + "-consent";
    }
}
