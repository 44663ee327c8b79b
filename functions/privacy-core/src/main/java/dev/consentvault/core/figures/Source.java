package dev.consentvault.core.figures;

/**
 * Where a receipt was captured: its campaign and page, from the receipt item. Campaigns and pages
 * are the landing page's own labels, never a person's.
 */
public record Source(String campaign, String page) {

    /** Used when the receipt is gone before its decision's change was counted. */
    public static final Source UNKNOWN = new Source("(unknown)", "(unknown)");

    /** "(none)" for a capture that named no campaign. */
    public static Source of(String campaign, String page) {
        return new Source(
                campaign == null || campaign.isBlank() ? "(none)" : campaign,
                page == null || page.isBlank() ? "(none)" : page);
    }
}
