package dev.consentvault.core.privacy;

import java.util.regex.Pattern;

/**
 * Which law's clock a request runs on. The names are stored on each privacy request ({@code
 * regime}), so they never change; what each law requires (clock, extension, acknowledgement, with
 * citations) lives in the jurisdiction packs, {@code jurisdictions.json}, read by {@link
 * Jurisdictions}.
 */
public enum LegalRegime {
    GDPR,
    UK_GDPR,
    CCPA,
    LGPD,
    /** Chile before 2026-12-01. */
    CL_19628,
    /** Chile from 2026-12-01. */
    CL_21719,
    PIPL,
    PDPA;

    /**
     * The shape of a jurisdiction code: ISO 3166 ("GB", "US-CA") or "EU". Which codes are supported
     * is the packs' business ({@link Jurisdictions#supports}).
     */
    public static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
}
