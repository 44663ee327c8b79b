package dev.consentvault.core.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.consent.ConsentStatus;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.RandomIds;
import dev.consentvault.core.store.DecisionItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The notices a withdrawal owes: one per processor that received data for a purpose being
 * withdrawn. They are written in the withdrawal's own transaction ({@link
 * dev.consentvault.core.store.Withdrawal#notices}), so a withdrawal is never recorded without them,
 * and carried out like an erasure's. Acknowledgement is due within the deployment's target ({@code
 * WITHDRAWAL_NOTICE_DAYS}, default {@link #DEFAULT_TARGET}).
 */
public final class WithdrawalPropagation {

    /**
     * The default target for a processor to act on a withdrawal. It is a target, not a legal
     * deadline: GDPR Art. 19 has the controller "communicate any rectification or erasure of
     * personal data ... to each recipient to whom the personal data have been disclosed, unless
     * this proves impossible or involves disproportionate effort", and names no period. The default
     * borrows the month GDPR Art. 12(3) gives the controller for a request ("without undue delay
     * and in any event within one month"); an erasure's notices are due by the request's own
     * deadline instead.
     */
    public static final Duration DEFAULT_TARGET = Duration.ofDays(30);

    private final Processors processors;
    private final Envelope requestsEnvelope;
    private final String requestsTable;
    private final Duration target;

    private final RandomIds ids = new RandomIds();

    /**
     * @param target how long a processor has to acknowledge (see {@link #DEFAULT_TARGET})
     */
    public WithdrawalPropagation(
            Processors processors,
            Envelope requestsEnvelope,
            String requestsTable,
            Duration target) {
        this.processors = processors;
        this.requestsEnvelope = requestsEnvelope;
        this.requestsTable = requestsTable;
        this.target = target;
    }

    /**
     * After a SnapStart restore: notice ids from a random source, and notices sealed under data
     * keys, that are not in the snapshot.
     */
    public void afterRestore() {
        ids.afterRestore();
        requestsEnvelope.afterRestore();
    }

    /**
     * The notices for these decisions about to be withdrawn; {@code open} gives a decision's sealed
     * fields (while they still exist).
     */
    public List<PropagationItem> notices(
            List<DecisionItem> withdrawn, Function<DecisionItem, JsonNode> open, Instant now) {
        Notices notices = new Notices(processors, requestsEnvelope, requestsTable);
        for (DecisionItem decision : withdrawn) {
            if (decision.status() == ConsentStatus.GRANTED
                    && !decision.thirdParties().isEmpty()
                    && decision.sealed() != null) {
                notices.add(decision.purposeId(), decision.thirdParties(), open.apply(decision));
            }
        }
        if (notices.isEmpty()) {
            return List.of();
        }
        return notices.items(ids.uuid(), PropagationItem.WITHDRAWAL, null, now, now.plus(target));
    }
}
