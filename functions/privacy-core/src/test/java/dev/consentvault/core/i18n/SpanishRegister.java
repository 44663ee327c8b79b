package dev.consentvault.core.i18n;

import java.util.regex.Pattern;

/**
 * Our Spanish addresses the person as <i>usted</i> (the kit, Find my data, the messages, the
 * confirmation page): the words only a text written to <i>tú</i> uses.
 */
public final class SpanishRegister {

    public static final Pattern TU =
            Pattern.compile(
                    "(?iu)(?<![\\p{L}])(tú|tu|tus|te|ti|contigo|has|quieres|abre|pulsa|ignora"
                            + "|ignóralo|confirma)(?![\\p{L}])");

    private SpanishRegister() {}

    /** The first tú word in a text, or null. */
    public static String tuWord(String text) {
        var m = TU.matcher(text);
        return m.find() ? m.group() : null;
    }
}
