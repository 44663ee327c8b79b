package dev.consentvault.core.store;

import java.time.Instant;
import java.util.List;

/**
 * A withdrawal to apply in one write: the decisions become WITHDRAWN, lose their sealed fields, and
 * are kept as proof until {@code proofExpiresAt}; every item of the receipt ({@code otherSks}: the
 * receipt and the other decisions) loses the subject keys no remaining purpose keeps; the receipt
 * lives at least as long as the proof ({@code receiptExpiresAt}), so its holder can still see the
 * withdrawal. When no granted decision keeps sealed fields afterwards ({@code shredReceiptKey}),
 * the receipt's key is deleted in the same write.
 */
public record Withdrawal(
        String receiptPk,
        List<String> purposeSks,
        Instant withdrawnAt,
        long proofExpiresAt,
        List<String> subjectKeysToRemove,
        List<String> otherSks,
        long receiptExpiresAt,
        boolean shredReceiptKey) {

    public Withdrawal {
        purposeSks = List.copyOf(purposeSks);
        subjectKeysToRemove = List.copyOf(subjectKeysToRemove);
        otherSks = List.copyOf(otherSks);
    }
}
