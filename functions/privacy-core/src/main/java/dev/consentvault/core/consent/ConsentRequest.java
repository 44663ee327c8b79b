package dev.consentvault.core.consent;

import java.util.Map;

/**
 * A validated capture request. {@code purposes} keeps the order the page sent, true = granted.
 * {@code ageConfirmed}: the person's answer to "I am N or older", null when not asked. {@code
 * toString} leaves the subject out on purpose.
 */
public record ConsentRequest(
        Subject subject,
        Map<String, Boolean> purposes,
        String noticeVersion,
        String sourcePage,
        String sourceCampaign,
        String jurisdiction,
        String locale,
        Boolean ageConfirmed) {

    /** Whether the person said they are under the jurisdiction's age of digital consent. */
    public boolean underAge() {
        return Boolean.FALSE.equals(ageConfirmed);
    }
}
