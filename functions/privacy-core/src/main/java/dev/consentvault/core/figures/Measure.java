package dev.consentvault.core.figures;

/** What a consent figure counts, per campaign, page, purpose and day. */
public enum Measure {
    GRANTED("granted"),
    /** Refused by the person (not by Global Privacy Control). */
    REFUSED("refused"),
    /** Refused because the browser sent Global Privacy Control. */
    REFUSED_GPC("refused-gpc"),
    /** Captured waiting for the person's confirmation (double opt-in). */
    PENDING("pending"),
    CONFIRMED("confirmed"),
    WITHDRAWN("withdrawn"),
    /** Deleted by TTL when its retention ended. */
    EXPIRED("expired");

    private final String label;

    Measure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Measure ofLabel(String label) {
        for (Measure m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no measure " + label);
    }
}
