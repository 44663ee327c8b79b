package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.i18n.ReceiptTexts;
import dev.consentvault.core.purpose.Confirmation;
import dev.consentvault.core.purpose.PersonalField;
import java.util.List;
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
        ArrayNode verified = json.putArray("verified");
        for (PersonalField field : PersonalField.values()) {
            if (receipt.verified().contains(field)) {
                verified.add(field.jsonName());
            }
        }
        pendingConfirmations(receipt, json);
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
            if (decision.confirmedAt() != null) {
                p.put("confirmedAt", decision.confirmedAt().toString());
            }
            if (decision.confirmBy() != null) {
                p.put("confirmBy", decision.confirmBy().jsonName());
            }
        }
        return json;
    }

    /**
     * "Check your inbox": for each way a pending purpose is confirmed, where the message went
     * (masked) and until when it can be confirmed. Absent when nothing waits.
     */
    private static void pendingConfirmations(Receipt receipt, ObjectNode json) {
        ArrayNode pending = null;
        for (Confirmation channel : List.of(Confirmation.EMAIL, Confirmation.SMS)) {
            List<ConsentDecision> waiting =
                    receipt.purposes().stream()
                            .filter(
                                    d ->
                                            d.status() == ConsentStatus.PENDING_CONFIRMATION
                                                    && d.confirmBy() == channel)
                            .toList();
            if (waiting.isEmpty()) {
                continue;
            }
            if (pending == null) {
                pending = json.putArray("pendingConfirmations");
            }
            ObjectNode p = pending.addObject();
            p.put("channel", channel.jsonName());
            String sentTo = receipt.maskedSubject().get(channel.identifier());
            if (sentTo != null) {
                p.put("sentTo", sentTo);
            }
            ArrayNode ids = p.putArray("purposes");
            waiting.forEach(d -> ids.add(d.purposeId()));
            p.put("expiresAt", waiting.get(0).expiresAt().toString());
            p.put(
                    "notice",
                    ReceiptTexts.pendingNotice(channel.jsonName(), sentTo, receipt.language()));
        }
    }
}
