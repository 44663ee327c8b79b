package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.json.JsonFields;
import dev.consentvault.core.json.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Strict reading of {@code POST /v1/receipts/{id}/withdrawals}: {@code {"purposes": [..]}} names
 * purposes of the receipt, {@code {}} or no body at all means every purpose. It is read against the
 * receipt, so a purpose the receipt does not hold is reported with the other problems.
 */
public final class WithdrawalRequestParser {

    private static final String SHAPE = "{} or {\"purposes\": [...]}";

    private WithdrawalRequestParser() {}

    /**
     * @param purposesOfReceipt the purpose ids the receipt holds, in its order
     */
    public static WithdrawalRequest parse(byte[] body, List<String> purposesOfReceipt) {
        if (body == null || body.length == 0) {
            return new WithdrawalRequest(purposesOfReceipt);
        }
        JsonFields root = StrictJson.readObject(body, SHAPE);
        root.refuseUnknown(Set.of("purposes"));
        if (!root.contains("purposes")) {
            root.finish("The withdrawal");
            return new WithdrawalRequest(purposesOfReceipt);
        }
        List<String> chosen = new ArrayList<>();
        JsonNode purposes = root.raw("purposes");
        if (!purposes.isArray() || purposes.isEmpty()) {
            root.error("purposes", "withdraw-purposes");
        } else {
            for (int i = 0; i < purposes.size(); i++) {
                JsonNode id = purposes.get(i);
                String at = "purposes[" + i + "]";
                if (!id.isTextual()) {
                    root.error(at, "purpose-id-string");
                } else if (!purposesOfReceipt.contains(id.textValue())) {
                    root.error(at, "not-receipt-purpose");
                } else if (!chosen.contains(id.textValue())) {
                    chosen.add(id.textValue());
                }
            }
        }
        root.finish("The withdrawal");
        return new WithdrawalRequest(chosen);
    }
}
