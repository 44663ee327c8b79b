package dev.consentvault.core.consent;

import dev.consentvault.core.purpose.PersonalField;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A consent receipt (Kantara Consent Receipt v1.1 / ISO/IEC TS 27560 fields). Personal data appears
 * only masked. {@code verified}: the identifiers the person proved control of on this receipt.
 */
public record Receipt(
        String receiptId,
        Instant timestamp,
        String jurisdiction,
        String language,
        String noticeVersion,
        String sourcePage,
        String sourceCampaign,
        Controller controller,
        Map<PersonalField, String> maskedSubject,
        boolean globalPrivacyControl,
        List<ConsentDecision> purposes,
        Set<PersonalField> verified) {

    public Receipt {
        verified = Set.copyOf(verified);
    }

    public static final String SCHEMA_VERSION =
            "consent-vault.receipt/1 (Kantara CR v1.1, ISO/IEC TS 27560)";
}
