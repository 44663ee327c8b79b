package dev.consentvault.core.privacy;

/**
 * Which law's clock a request runs on. California ("US-CA") is CCPA; everything else runs on the GDPR's
 * stricter clock (one month), which also meets the UK GDPR and most other regimes' deadlines.
 */
public enum LegalRegime {
    GDPR,
    CCPA;

    public static LegalRegime of(String jurisdiction) {
        return "US-CA".equals(jurisdiction) ? CCPA : GDPR;
    }
}
