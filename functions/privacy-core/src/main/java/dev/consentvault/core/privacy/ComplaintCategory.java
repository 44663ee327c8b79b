package dev.consentvault.core.privacy;

import java.util.List;
import java.util.Locale;

/**
 * A first sorting of a complaint so staff see what it is about; a keyword rule, easy to read and to
 * audit. An erasure complaint also files a deletion request.
 */
public enum ComplaintCategory {
    ERASURE(
            "erasure",
            List.of(
                    "delete my",
                    "erase",
                    "remove my data",
                    "forget me",
                    "delete all",
                    "deletion",
                    "borrar",
                    "supprimer",
                    "löschen")),
    MARKETING(
            "marketing",
            List.of(
                    "spam",
                    "unsubscribe",
                    "stop sending",
                    "marketing",
                    "too many emails",
                    "newsletter")),
    ACCESS(
            "access",
            List.of(
                    "copy of my data",
                    "what data",
                    "access my data",
                    "access request",
                    "subject access")),
    SECURITY("security", List.of("breach", "hacked", "leak", "stolen")),
    OTHER("other", List.of());

    private final String label;
    private final List<String> keywords;

    ComplaintCategory(String label, List<String> keywords) {
        this.label = label;
        this.keywords = keywords;
    }

    public String label() {
        return label;
    }

    public static ComplaintCategory classify(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        for (ComplaintCategory category : values()) {
            if (category.keywords.stream().anyMatch(text::contains)) {
                return category;
            }
        }
        return OTHER;
    }
}
