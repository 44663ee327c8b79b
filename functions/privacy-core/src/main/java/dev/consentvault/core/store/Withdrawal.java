package dev.consentvault.core.store;

import java.time.Instant;
import java.util.List;

/**
 * A withdrawal to apply in one write: the decisions become WITHDRAWN, lose their sealed fields, and are
 * kept as proof until {@code proofExpiresAt}; the receipt loses the subject keys no purpose keeps.
 */
public record Withdrawal(String receiptPk, List<String> purposeSks, Instant withdrawnAt, long proofExpiresAt,
                         List<String> receiptAttributesToRemove) {

    public Withdrawal {
        purposeSks = List.copyOf(purposeSks);
        receiptAttributesToRemove = List.copyOf(receiptAttributesToRemove);
    }
}
