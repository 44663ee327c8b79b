package dev.consentvault.functions.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.FieldError;
import dev.consentvault.core.i18n.Locales;
import java.util.List;

/**
 * An RFC 9457 problem: thrown by request decoding, turned into an {@code application/problem+json}
 * answer by {@link HttpApi}. Types are URNs documented in docs/api.md#errors.
 */
public class Problem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private long retryAfter;

    public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = "urn:consent-vault:problem:" + type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public Problem(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    /** The same answer for an unknown receipt, a wrong token and no token: no existence oracle. */
    public static Problem receiptNotFound() {
        return new Problem(
                404,
                "receipt-not-found",
                "Not Found",
                "No receipt matches this id and token. Use the receiptToken you were given with the receipt.");
    }

    /**
     * The same answer for a wrong, used or expired access link, code or session, and for none: no
     * oracle.
     */
    public static Problem accessNotFound() {
        return new Problem(
                404,
                "access-not-found",
                "Not Found",
                "This link, code or session is not valid: it may be mistyped, used already or expired. Ask for a new link on the Find my data page.");
    }

    /** Codes tried too often for one phone number: locked for {@code seconds}. */
    public static Problem codesLocked(long seconds) {
        Problem problem =
                new Problem(
                        429,
                        "too-many-attempts",
                        "Too Many Requests",
                        "Too many codes were tried for this phone number; they are locked. Ask for a new code in "
                                + Math.max(1, (seconds + 59) / 60)
                                + " minutes.");
        problem.retryAfter = seconds;
        return problem;
    }

    /** Seconds to send as Retry-After, or 0 for none. */
    public long retryAfter() {
        return retryAfter;
    }

    /**
     * The same answer for a wrong, expired or used confirmation link or code, and for a code sent
     * without the receipt's own token: no oracle.
     */
    public static Problem confirmationNotFound() {
        return new Problem(
                404,
                "confirmation-not-found",
                "Not Found",
                "Nothing waits for this confirmation: the link or code is wrong, used or expired.");
    }

    /** Too many wrong codes: this confirmation accepts none any more. */
    public static Problem confirmationLocked() {
        return new Problem(
                423,
                "confirmation-locked",
                "Locked",
                "Too many wrong codes were tried, so this confirmation is locked. The purposes stay"
                        + " unconfirmed and expire; sign up again for a new code.");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public ObjectNode toJson() {
        return toJson(Locales.DEFAULT);
    }

    /**
     * The problem in a supported locale: title, detail and each field message translated (the
     * {@code field} paths and any run-time values in the messages stay as they are).
     */
    public ObjectNode toJson(String locale) {
        ProblemTexts.Text text = ProblemTexts.in(type.substring(type.lastIndexOf(':') + 1), locale);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type);
        json.put("title", text == null ? title : text.title());
        json.put("status", status);
        json.put("detail", text == null ? getMessage() : text.detail());
        if (!errors.isEmpty()) {
            ArrayNode list = json.putArray("errors");
            for (FieldError error : errors) {
                list.addObject().put("field", error.field()).put("message", error.message(locale));
            }
        }
        return json;
    }
}
