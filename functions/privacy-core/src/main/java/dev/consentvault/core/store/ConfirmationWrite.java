package dev.consentvault.core.store;

import dev.consentvault.core.purpose.Confirmation;
import dev.consentvault.core.purpose.PersonalField;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A confirmation to apply in one write: the confirmation item is consumed (it must still exist),
 * each pending decision becomes GRANTED from {@code at} (each must still be PENDING_CONFIRMATION),
 * the receipt records the identifier as verified and carries its subject keys, and the receipt and
 * its key in the keys table live at least until {@code receiptExpiresAt}. Any condition failing
 * writes nothing ({@link ConcurrentChangeException}).
 *
 * @param decisions the decisions as they become (GRANTED, new expiry)
 * @param previousReceiptExpiresAt the receipt's expiry as read, so a concurrent change is noticed
 */
public record ConfirmationWrite(
        String receiptId,
        Confirmation channel,
        Instant at,
        List<DecisionItem> decisions,
        Set<PersonalField> verified,
        SubjectKeyPair receiptSubjectKeys,
        long previousReceiptExpiresAt,
        long receiptExpiresAt) {

    public ConfirmationWrite {
        decisions = List.copyOf(decisions);
        verified = Set.copyOf(verified);
    }
}
