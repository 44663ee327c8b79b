package dev.consentvault.core.consent;

import java.util.Map;

/**
 * A validated capture request. {@code purposes} keeps the order the page sent, true = granted.
 * {@code ageConfirmed}: the person's answer to "I am N or older", null when not asked. {@code
 * separateConsents}: purpose id to the person's separate answer where the law asks for one (PIPL
 * Arts. 23, 29, 39), empty when none is asked. {@code toString} leaves the subject out on purpose.
 */
public record ConsentRequest(
        Subject subject,
        Map<String, Boolean> purposes,
        String noticeVersion,
        String sourcePage,
        String sourceCampaign,
        String jurisdiction,
        String locale,
        Boolean ageConfirmed,
        Map<String, Boolean> separateConsents) {

    public ConsentRequest {
        separateConsents = Map.copyOf(separateConsents);
    }

    /** Whether the person said they are under the jurisdiction's age of digital consent. */
    public boolean underAge() {
        return Boolean.FALSE.equals(ageConfirmed);
    }

    /** Whether the person refused the separate consent a purpose needs. */
    public boolean separateConsentRefused(String purposeId) {
        return Boolean.FALSE.equals(separateConsents.get(purposeId));
    }
}
