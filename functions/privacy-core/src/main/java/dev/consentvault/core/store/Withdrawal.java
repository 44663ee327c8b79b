package dev.consentvault.core.store;

import dev.consentvault.core.propagation.PropagationItem;
import java.time.Instant;
import java.util.List;

/**
 * A withdrawal to apply in one write: the decisions become WITHDRAWN, lose their sealed fields, and
 * are kept as proof until {@code proofExpiresAt}; every item of the receipt ({@code otherSks}: the
 * receipt and the other decisions) loses the subject keys no remaining purpose keeps; the receipt
 * lives at least as long as the proof ({@code receiptExpiresAt}), so its holder can still see the
 * withdrawal. When no granted decision keeps sealed fields afterwards ({@code shredReceiptKey}),
 * the receipt's key is deleted in the same write. The {@code notices} owed to processors (the
 * propagation outbox, in the privacy-requests table) are written in that same write too.
 */
public record Withdrawal(
        String receiptPk,
        List<String> purposeSks,
        Instant withdrawnAt,
        long proofExpiresAt,
        List<String> subjectKeysToRemove,
        List<String> otherSks,
        long receiptExpiresAt,
        boolean shredReceiptKey,
        List<PropagationItem> notices) {

    public Withdrawal {
        purposeSks = List.copyOf(purposeSks);
        subjectKeysToRemove = List.copyOf(subjectKeysToRemove);
        otherSks = List.copyOf(otherSks);
        notices = List.copyOf(notices);
    }

    /** A withdrawal that owes no processor a notice. */
    public Withdrawal(
            String receiptPk,
            List<String> purposeSks,
            Instant withdrawnAt,
            long proofExpiresAt,
            List<String> subjectKeysToRemove,
            List<String> otherSks,
            long receiptExpiresAt,
            boolean shredReceiptKey) {
        this(
                receiptPk,
                purposeSks,
                withdrawnAt,
                proofExpiresAt,
                subjectKeysToRemove,
                otherSks,
                receiptExpiresAt,
                shredReceiptKey,
                List.of());
    }
}
