package dev.consentvault.core.consent;

import dev.consentvault.core.i18n.Locales;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the person decided for one purpose, with a snapshot of what they were told about it (the
 * catalogue may change later; the proof must not). {@code reason} is "gpc" for every sale/sharing
 * purpose of a request that came with Global Privacy Control, asked for or not: the signal alone
 * refuses it. For a WITHDRAWN decision, {@code expiresAt} is when the proof of the withdrawal is
 * deleted. {@code reason} is "under-age" for every purpose the jurisdiction's age of digital
 * consent covers when the person said they are younger.
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
        Instant withdrawnAt) {

    public static final String REASON_GPC = "gpc";

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
     */
    public static ConsentDecision decide(
            Purpose purpose, boolean granted, boolean gpc, boolean underAge, Instant now) {
        return decide(purpose, Locales.DEFAULT, granted, gpc, underAge, false, now);
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
            Instant now) {
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
                purpose.retention().expiryFor(now),
                null);
    }
}
