package dev.consentvault.core.consent;

import java.util.List;

/** A validated withdrawal: the ids of the receipt's purposes to withdraw, in the order sent. */
public record WithdrawalRequest(List<String> purposeIds) {

    public WithdrawalRequest {
        purposeIds = List.copyOf(purposeIds);
    }
}
