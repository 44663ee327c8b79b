package dev.consentvault.core.consent;

import dev.consentvault.core.i18n.Locales;
import dev.consentvault.core.purpose.Confirmation;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.Purpose;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the person decided for one purpose, with a snapshot of what they were told about it (the
 * catalogue may change later; the proof must not). {@code reason} is "gpc" for every sale/sharing
 * purpose of a request that came with Global Privacy Control, asked for or not: the signal alone
 * refuses it. For a WITHDRAWN decision, {@code expiresAt} is when the proof of the withdrawal is
 * deleted. {@code reason} is "under-age" for every purpose the jurisdiction's age of digital
 * consent covers when the person said they are younger. A grant of a purpose that contacts the
 * person is PENDING_CONFIRMATION (double opt-in) until confirmed by {@code confirmBy}; it expires
 * at the end of the confirmation window unless confirmed, and {@code confirmedAt} says when it was.
 */
public record ConsentDecision(
        String purposeId,
        String description,
        String category,
        ConsentStatus status,
        String reason,
        Set<PersonalField> piiCategories,
        List<String> thirdParties,
        boolean saleOrSharing,
        String retention,
        Instant expiresAt,
        Instant withdrawnAt,
        Confirmation confirmBy,
        Instant confirmedAt) {

    public static final String REASON_GPC = "gpc";

    /** How long a grant waits for its double opt-in confirmation unless configured otherwise. */
    public static final Duration DEFAULT_CONFIRMATION_WINDOW = Duration.ofDays(7);

    /** A grant that holds personal fields: GRANTED, or granted and waiting for confirmation. */
    public boolean keepsFields() {
        return status == ConsentStatus.GRANTED || status == ConsentStatus.PENDING_CONFIRMATION;
    }

    /**
     * The person said they are under the jurisdiction's age of digital consent: their own consent
     * does not count (GDPR Art. 8, PIPL Art. 31, ...), a parent's or guardian's is needed.
     */
    public static final String REASON_UNDER_AGE = "under-age";

    /**
     * The person refused the separate consent the law asks for beside this purpose's own (PIPL
     * Arts. 23, 29, 39): without it the purpose cannot be granted.
     */
    public static final String REASON_SEPARATE_CONSENT = "separate-consent-refused";

    /**
     * @param underAge the person is under the age of digital consent this purpose needs
     * @param confirmationWindow how long a grant may wait for its confirmation
     */
    public static ConsentDecision decide(
            Purpose purpose, boolean granted, boolean gpc, boolean underAge, Instant now) {
        return decide(purpose, granted, gpc, underAge, now, DEFAULT_CONFIRMATION_WINDOW);
    }

    /** Shown in English, no separate consent refused. */
    public static ConsentDecision decide(
            Purpose purpose,
            boolean granted,
            boolean gpc,
            boolean underAge,
            Instant now,
            Duration confirmationWindow) {
        return decide(
                purpose, Locales.DEFAULT, granted, gpc, underAge, false, now, confirmationWindow);
    }

    /**
     * @param locale the supported locale the purpose was shown in: its description is recorded
     * @param separateRefused the person refused the separate consent this purpose needs
     */
    public static ConsentDecision decide(
            Purpose purpose,
            String locale,
            boolean granted,
            boolean gpc,
            boolean underAge,
            boolean separateRefused,
            Instant now,
            Duration confirmationWindow) {
        ConsentStatus status;
        String reason = null;
        if (gpc && purpose.saleOrSharing()) {
            status = ConsentStatus.REFUSED;
            reason = REASON_GPC;
        } else if (underAge) {
            status = ConsentStatus.REFUSED;
            reason = REASON_UNDER_AGE;
        } else if (granted && separateRefused) {
            status = ConsentStatus.REFUSED;
            reason = REASON_SEPARATE_CONSENT;
        } else {
            status = granted ? ConsentStatus.GRANTED : ConsentStatus.REFUSED;
        }
        boolean pending =
                status == ConsentStatus.GRANTED && purpose.confirmation() != Confirmation.NONE;
        if (pending) {
            status = ConsentStatus.PENDING_CONFIRMATION;
        }
        return new ConsentDecision(
                purpose.id(),
                purpose.description(locale),
                purpose.category(),
                status,
                reason,
                purpose.fieldsNeeded(),
                purpose.thirdParties(),
                purpose.saleOrSharing(),
                purpose.retention().iso(),
                pending ? now.plus(confirmationWindow) : purpose.retention().expiryFor(now),
                null,
                pending ? purpose.confirmation() : null,
                null);
    }
}
