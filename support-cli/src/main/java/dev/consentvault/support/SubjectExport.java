package dev.consentvault.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.core.crypto.ReceiptKey;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.ItemKey;
import dev.consentvault.core.store.ReceiptItem;
import dev.consentvault.core.store.StoredItem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An access request's answer: every live receipt of the subject with each purpose decision and the
 * personal fields it holds, opened. The subject's receipts are found exactly as erasure finds them
 * ({@link Erasure#subjectItems}), so what staff export is what a deletion would remove. Items past
 * their {@code expiresAt} are left out: they are legally gone, whatever DynamoDB's TTL has not yet
 * removed. Idempotency markers are left out too: they only replay the capture's own answer for 24
 * hours.
 */
final class SubjectExport {

    private final ConsentStore consents;
    private final Erasure erasure;
    private final ReceiptKeys receiptKeys;
    private final String table;

    SubjectExport(ConsentStore consents, Erasure erasure, ReceiptKeys receiptKeys, String table) {
        this.consents = consents;
        this.erasure = erasure;
        this.receiptKeys = receiptKeys;
        this.table = table;
    }

    /** The export, or empty receipts when nothing live is held about the subject. */
    ObjectNode export(QueueMessages.Deletion subject, Instant now) {
        Set<String> receiptPks = new LinkedHashSet<>();
        for (ItemKey key : erasure.subjectItems(subject, new TreeSet<>())) {
            if (key.pk().startsWith(ConsentTable.RECEIPT_PK_PREFIX)) {
                receiptPks.add(key.pk());
            }
        }
        List<ObjectNode> receipts = new ArrayList<>();
        for (String pk : receiptPks) {
            List<StoredItem> live =
                    consents.partition(pk).stream().filter(item -> !item.expiredAt(now)).toList();
            live.stream()
                    .filter(ReceiptItem::is)
                    .findFirst()
                    .ifPresent(
                            receipt ->
                                    receipts.add(
                                            receipt(
                                                    ReceiptItem.of(receipt),
                                                    live.stream()
                                                            .filter(DecisionItem::is)
                                                            .map(DecisionItem::of)
                                                            .toList())));
        }
        receipts.sort(Comparator.comparing(r -> r.path("capturedAt").asText()));
        ObjectNode export = Output.JSON.createObjectNode();
        export.put("exportedAt", now.toString());
        ArrayNode array = export.putArray("receipts");
        receipts.forEach(array::add);
        return export;
    }

    private ObjectNode receipt(ReceiptItem receipt, List<DecisionItem> decisions) {
        ObjectNode node = Output.JSON.createObjectNode();
        node.put("receiptId", receipt.receiptId());
        node.put("capturedAt", receipt.capturedAt().toString());
        node.put("jurisdiction", receipt.jurisdiction());
        node.put("language", receipt.language());
        node.put("noticeVersion", receipt.noticeVersion());
        ObjectNode source = node.putObject("source");
        source.put("page", receipt.sourcePage());
        source.put("campaign", receipt.sourceCampaign());
        node.put("globalPrivacyControl", receipt.globalPrivacyControl());
        List<String> order = receipt.purposeIds();
        ArrayNode purposes = node.putArray("purposes");
        // the receipt's own key: one read, and only if a field sealed under it is there to open
        Optional<ReceiptKey> key =
                decisions.stream().anyMatch(d -> sealedUnderReceiptKey(d))
                        ? consents.receiptKey(receipt.receiptId())
                                .map(k -> receiptKeys.unwrap(receipt.receiptId(), k.wrappedKey()))
                        : Optional.empty();
        decisions.stream()
                .sorted(
                        Comparator.comparingInt((DecisionItem d) -> order.indexOf(d.purposeId()))
                                .thenComparing(DecisionItem::sk))
                .forEach(decision -> purposes.add(decision(decision, key)));
        return node;
    }

    private static boolean sealedUnderReceiptKey(DecisionItem decision) {
        return decision.sealed() != null && ReceiptKeys.needsReceiptKey(decision.sealed());
    }

    private ObjectNode decision(DecisionItem decision, Optional<ReceiptKey> key) {
        ObjectNode node = Output.JSON.createObjectNode();
        node.put("purposeId", decision.purposeId());
        node.put("description", decision.description());
        node.put("status", decision.status().name());
        node.put("reason", decision.reason());
        node.put("decidedAt", decision.decidedAt().toString());
        node.put(
                "withdrawnAt",
                decision.withdrawnAt() == null ? null : decision.withdrawnAt().toString());
        node.put("expiresAt", Instant.ofEpochSecond(decision.expiresAt()).toString());
        node.put("retention", decision.retention());
        ArrayNode thirdParties = node.putArray("thirdParties");
        decision.thirdParties().forEach(thirdParties::add);
        // fields whose receipt key is already shredded (an erasure under way) are held by no one
        boolean held =
                decision.sealed() != null && (!sealedUnderReceiptKey(decision) || key.isPresent());
        node.set("personalData", held ? open(decision, key) : Output.JSON.createObjectNode());
        return node;
    }

    private JsonNode open(DecisionItem decision, Optional<ReceiptKey> key) {
        byte[] plain = receiptKeys.open(decision.sealed(), decision.binding(table), () -> key);
        try {
            return Output.JSON.readTree(plain);
        } catch (IOException e) {
            throw new DecryptionFailedException(
                    "the sealed fields of " + decision.pk() + " " + decision.sk() + " are not JSON",
                    e);
        }
    }
}
