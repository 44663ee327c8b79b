package dev.consentvault.core.privacy;

import java.util.regex.Pattern;

/**
 * Which law's clock a request runs on. California ("US-CA") is CCPA; everything else runs on the
 * GDPR's stricter clock (one month), which also meets the UK GDPR and most other regimes'
 * deadlines.
 */
public enum LegalRegime {
    GDPR,
    CCPA;

    /**
     * What the API and the staff tool accept as a jurisdiction: an ISO 3166 code ("EU", "GB",
     * "US-CA").
     */
    public static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    public static LegalRegime of(String jurisdiction) {
        return "US-CA".equals(jurisdiction) ? CCPA : GDPR;
    }
}
