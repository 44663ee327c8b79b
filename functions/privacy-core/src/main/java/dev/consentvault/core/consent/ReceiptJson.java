package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.i18n.ReceiptTexts;
import dev.consentvault.core.purpose.PersonalField;
import java.util.Map;

/** The receipt as the API shows it. The field mapping to Kantara CR v1.1 is in docs/receipts.md. */
public final class ReceiptJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReceiptJson() {}

    public static ObjectNode write(Receipt receipt) {
        ObjectNode json = NODES.objectNode();
        json.put("receiptId", receipt.receiptId());
        json.put("schemaVersion", Receipt.SCHEMA_VERSION);
        json.put("timestamp", receipt.timestamp().toString());
        json.put("jurisdiction", receipt.jurisdiction());
        if (receipt.language() != null) {
            json.put("language", receipt.language());
        }
        ObjectNode collection = json.putObject("collectionMethod");
        collection.put("type", "web-form");
        collection.put("page", receipt.sourcePage());
        if (receipt.sourceCampaign() != null) {
            collection.put("campaign", receipt.sourceCampaign());
        }
        json.put("noticeVersion", receipt.noticeVersion());
        if (receipt.noticeSha256() != null) {
            json.put("noticeSha256", receipt.noticeSha256());
        }
        json.put("reconsentRequired", !receipt.reconsentRequired().isEmpty());
        ObjectNode controller = json.putObject("controller");
        controller.put("name", receipt.controller().name());
        controller.put("contact", receipt.controller().contact());
        controller.put("policyUrl", receipt.controller().policyUrl());
        ObjectNode principal = json.putObject("piiPrincipal");
        for (Map.Entry<PersonalField, String> masked : receipt.maskedSubject().entrySet()) {
            principal.put(masked.getKey().jsonName(), masked.getValue());
        }
        json.put("globalPrivacyControl", receipt.globalPrivacyControl());
        if (receipt.purposes().stream()
                .anyMatch(d -> ConsentDecision.REASON_UNDER_AGE.equals(d.reason()))) {
            json.put("guardianConsentRequired", true);
        }
        ArrayNode purposes = json.putArray("purposes");
        for (ConsentDecision decision : receipt.purposes()) {
            ObjectNode p = purposes.addObject();
            p.put("purposeId", decision.purposeId());
            p.put("description", decision.description());
            p.put("category", decision.category());
            p.put("consentType", "explicit");
            p.put("status", decision.status().name());
            if (decision.reason() != null) {
                p.put("reason", decision.reason());
                String text = ReceiptTexts.reason(decision.reason(), receipt.language());
                if (text != null) {
                    p.put("reasonText", text);
                }
            }
            if (receipt.separateConsents().contains(decision.purposeId())) {
                p.put("separateConsent", true);
            }
            if (receipt.reconsentRequired().contains(decision.purposeId())) {
                p.put("reconsentRequired", true);
            }
            ArrayNode pii = p.putArray("piiCategories");
            for (PersonalField field : PersonalField.values()) {
                if (decision.piiCategories().contains(field)) {
                    pii.add(field.jsonName());
                }
            }
            ArrayNode third = p.putArray("thirdParties");
            decision.thirdParties().forEach(third::add);
            p.put("saleOrSharing", decision.saleOrSharing());
            p.put("retention", decision.retention());
            p.put("expiresAt", decision.expiresAt().toString());
            if (decision.withdrawnAt() != null) {
                p.put("withdrawnAt", decision.withdrawnAt().toString());
            }
        }
        return json;
    }
}
