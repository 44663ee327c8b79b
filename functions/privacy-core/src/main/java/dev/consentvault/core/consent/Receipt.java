package dev.consentvault.core.consent;

import dev.consentvault.core.purpose.PersonalField;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A consent receipt (Kantara Consent Receipt v1.1 / ISO/IEC TS 27560 fields). Personal data appears
 * only masked. {@code verified}: the identifiers the person proved control of on this receipt. only
 * masked. {@code language} is the supported locale its texts were shown in; {@code noticeSha256}
 * the hash of the notice text shown (null on receipts from before notices were versioned); {@code
 * separateConsents} the purposes given a separate consent (PIPL); {@code reconsentRequired} the
 * granted purposes a later material notice change needs asked again.
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
        Set<PersonalField> verified,
        String noticeSha256,
        Set<String> separateConsents,
        Set<String> reconsentRequired) {

    public Receipt {
        verified = Set.copyOf(verified);
        separateConsents = Set.copyOf(separateConsents);
        reconsentRequired = Set.copyOf(reconsentRequired);
    }

    public static final String SCHEMA_VERSION =
            "consent-vault.receipt/1 (Kantara CR v1.1, ISO/IEC TS 27560)";
}
