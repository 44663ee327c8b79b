package dev.consentvault.core.i18n;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The languages this service speaks, and choosing one for a request: from an {@code
 * Accept-Language} header (RFC 9110 §12.5.4, with q-values) or one BCP 47 tag (a receipt's locale).
 * A tag matches a supported locale exactly, else by its language alone ({@code es-CL} → {@code es},
 * {@code pt-PT} → {@code pt-BR}, {@code zh-Hant-TW} → {@code zh-CN}, the only Chinese we have);
 * anything else gets {@link #DEFAULT}. Self-contained on purpose: message and page code elsewhere
 * can call it without the catalogue.
 */
public final class Locales {

    /** What is answered when nothing asked for is supported. */
    public static final String DEFAULT = "en";

    /** Every locale the catalogue, the receipts and the problem messages are written in. */
    public static final List<String> SUPPORTED = List.of("en", "es", "zh-CN", "pt-BR");

    private static final Pattern TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*|\\*");
    private static final Pattern QUALITY = Pattern.compile("q=(0(\\.\\d{0,3})?|1(\\.0{0,3})?)");
    // a header longer than this is not a browser's; the rest is ignored
    private static final int MAX_RANGES = 20;

    private Locales() {}

    /** The supported locale for an Accept-Language header; {@link #DEFAULT} when none fits. */
    public static String negotiate(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return DEFAULT;
        }
        record Range(String tag, double q, int order) {}
        List<Range> ranges = new ArrayList<>();
        String[] parts = acceptLanguage.split(",");
        for (int i = 0; i < parts.length && i < MAX_RANGES; i++) {
            String[] pieces = parts[i].split(";", -1);
            String tag = pieces[0].strip();
            if (!TAG.matcher(tag).matches()) {
                continue;
            }
            double q = 1.0;
            for (int p = 1; p < pieces.length; p++) {
                String param = pieces[p].strip().toLowerCase(Locale.ROOT);
                if (QUALITY.matcher(param).matches()) {
                    q = Double.parseDouble(param.substring(2));
                }
            }
            if (q > 0) {
                ranges.add(new Range(tag, q, i));
            }
        }
        ranges.sort(Comparator.comparingDouble((Range r) -> -r.q()).thenComparingInt(Range::order));
        for (Range range : ranges) {
            if (range.tag().equals("*")) {
                return DEFAULT;
            }
            Optional<String> match = match(range.tag());
            if (match.isPresent()) {
                return match.get();
            }
        }
        return DEFAULT;
    }

    /** The supported locale one BCP 47 tag reads in, or empty when its language is not spoken. */
    public static Optional<String> match(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        for (String supported : SUPPORTED) {
            if (supported.equalsIgnoreCase(tag)) {
                return Optional.of(supported);
            }
        }
        String language = tag.split("-", 2)[0].toLowerCase(Locale.ROOT);
        for (String supported : SUPPORTED) {
            if (supported.split("-", 2)[0].equals(language)) {
                return Optional.of(supported);
            }
        }
        return Optional.empty();
    }

    /** The supported locale a tag reads in, {@link #DEFAULT} when none. */
    public static String of(String tag) {
        return match(tag).orElse(DEFAULT);
    }
}
