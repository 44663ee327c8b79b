package dev.consentvault.core.privacy;

import dev.consentvault.core.consent.Identifiers;
import dev.consentvault.core.json.JsonFields;
import dev.consentvault.core.json.StrictJson;
import java.util.Map;
import java.util.Set;

/**
 * Strict reading of {@code POST /v1/privacy-requests}: every field a string, nothing unknown, and a
 * request someone can act on — a deletion names its receipt, and a complaint either proves it holds
 * a receipt (its token) or says how to answer it ({@code contact}).
 */
public final class PrivacyRequestParser {

    static final int MAX_MESSAGE = 4000;
    private static final Set<String> FIELDS =
            Set.of("type", "receiptId", "message", "contact", "jurisdiction");

    private PrivacyRequestParser() {}

    /**
     * @param tokenPresented whether the request carries a bearer token (whether it is the receipt's
     *     own is checked later, against the receipt)
     * @param jurisdictions the supported codes: another is refused, listing them
     */
    public static PrivacyRequestCommand parse(
            byte[] body, boolean tokenPresented, Jurisdictions jurisdictions) {
        JsonFields root =
                StrictJson.readObject(
                        body, "{\"type\": \"deletion\" or \"complaint\", \"receiptId\", ...}");
        root.refuseUnknown(FIELDS);
        String typeName = root.string("type");
        RequestType type =
                typeName == null
                        ? null
                        : RequestType.fromJsonName(typeName)
                                .filter(t -> t != RequestType.ACCESS)
                                .orElse(null);
        if (type == null && !root.hasErrorAt("type")) {
            root.error("type", "privacy-type");
        }
        String receiptId = root.string("receiptId");
        String message = root.string("message");
        String contact = root.string("contact");
        String jurisdiction =
                root.string("jurisdiction", LegalRegime.JURISDICTION, false, "jurisdiction-code");
        if (jurisdiction != null && !jurisdictions.supports(jurisdiction)) {
            root.error(
                    "jurisdiction",
                    "jurisdiction-unsupported",
                    Map.of("supported", jurisdictions.supportedList()));
        }
        if (message != null && (message.isBlank() || message.length() > MAX_MESSAGE)) {
            root.error("message", "message-length", Map.of("max", String.valueOf(MAX_MESSAGE)));
        }
        if (contact != null
                && Identifiers.email(contact).isEmpty()
                && Identifiers.phone(contact).isEmpty()) {
            root.error("contact", "contact");
        }
        if (type == RequestType.DELETION && receiptId == null && !root.hasErrorAt("receiptId")) {
            root.error("receiptId", "receipt-for-deletion");
        }
        if (type == RequestType.COMPLAINT) {
            if (message == null && !root.hasErrorAt("message")) {
                root.error("message", "complaint-message");
            }
            if (contact == null && !root.hasErrorAt("contact")) {
                if (receiptId == null) {
                    root.error("contact", "complaint-contact");
                } else if (!tokenPresented) {
                    // naming a receipt proves nothing without its token: nobody could be answered
                    root.error("contact", "contact-unless-token");
                }
            }
        }
        root.finish("The privacy request");
        return new PrivacyRequestCommand(type, receiptId, message, contact, jurisdiction);
    }
}
