package dev.consentvault.core.consent;

import java.util.Map;

/**
 * A validated capture request. {@code purposes} keeps the order the page sent, true = granted.
 * {@code toString} leaves the subject out on purpose.
 */
public record ConsentRequest(
        Subject subject,
        Map<String, Boolean> purposes,
        String noticeVersion,
        String sourcePage,
        String sourceCampaign,
        String jurisdiction,
        String locale) {}
