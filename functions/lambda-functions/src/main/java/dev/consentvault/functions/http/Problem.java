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

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public ObjectNode toJson() {
        return toJson(Locales.DEFAULT);
    }

    /** The problem in a supported locale: title and detail translated, field messages English. */
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
                list.addObject().put("field", error.field()).put("message", error.message());
            }
        }
        return json;
    }
}
