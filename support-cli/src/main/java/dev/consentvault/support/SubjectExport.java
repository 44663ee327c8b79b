package dev.consentvault.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.ItemKey;
import dev.consentvault.core.store.StoredItem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
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
    private final Envelope envelope;
    private final String table;

    SubjectExport(ConsentStore consents, Erasure erasure, Envelope envelope, String table) {
        this.consents = consents;
        this.erasure = erasure;
        this.envelope = envelope;
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
                    .filter(item -> item.sk().equals(ConsentTable.RECEIPT_SK))
                    .findFirst()
                    .ifPresent(receipt -> receipts.add(receipt(pk, receipt, live)));
        }
        receipts.sort(Comparator.comparing(r -> r.path("capturedAt").asText()));
        ObjectNode export = Output.JSON.createObjectNode();
        export.put("exportedAt", now.toString());
        ArrayNode array = export.putArray("receipts");
        receipts.forEach(array::add);
        return export;
    }

    private ObjectNode receipt(String pk, StoredItem receipt, List<StoredItem> live) {
        ObjectNode node = Output.JSON.createObjectNode();
        node.put("receiptId", pk.substring(ConsentTable.RECEIPT_PK_PREFIX.length()));
        node.put("capturedAt", receipt.string("capturedAt"));
        node.put("jurisdiction", receipt.string("jurisdiction"));
        node.put("language", receipt.string("language"));
        node.put("noticeVersion", receipt.string("noticeVersion"));
        ObjectNode source = node.putObject("source");
        source.put("page", receipt.string("sourcePage"));
        source.put("campaign", receipt.string("sourceCampaign"));
        node.put(
                "globalPrivacyControl",
                Boolean.TRUE.equals(receipt.attributes().get("globalPrivacyControl")));
        List<String> order =
                receipt.attributes().get("purposeIds") instanceof List<?> ids
                        ? ids.stream().map(String::valueOf).toList()
                        : List.of();
        ArrayNode purposes = node.putArray("purposes");
        live.stream()
                .filter(item -> item.sk().startsWith(ConsentTable.PURPOSE_SK_PREFIX))
                .sorted(
                        Comparator.comparingInt(
                                        (StoredItem d) -> order.indexOf(d.string("purposeId")))
                                .thenComparing(StoredItem::sk))
                .forEach(decision -> purposes.add(decision(decision)));
        return node;
    }

    private ObjectNode decision(StoredItem decision) {
        ObjectNode node = Output.JSON.createObjectNode();
        node.put("purposeId", decision.string("purposeId"));
        node.put("description", decision.string("description"));
        node.put("status", decision.string("status"));
        node.put("reason", decision.string("reason"));
        node.put("decidedAt", decision.string("decidedAt"));
        node.put("withdrawnAt", decision.string("withdrawnAt"));
        Long expiresAt = decision.number(ConsentTable.EXPIRES_AT);
        node.put(
                "expiresAt",
                expiresAt == null ? null : Instant.ofEpochSecond(expiresAt).toString());
        node.put("retention", decision.string("retention"));
        ArrayNode thirdParties = node.putArray("thirdParties");
        if (decision.attributes().get("thirdParties") instanceof List<?> names) {
            names.forEach(name -> thirdParties.add(String.valueOf(name)));
        }
        byte[] sealed = decision.bytes(ConsentTable.SEALED);
        node.set(
                "personalData",
                sealed == null ? Output.JSON.createObjectNode() : open(decision, sealed));
        return node;
    }

    private JsonNode open(StoredItem decision, byte[] sealed) {
        byte[] plain =
                envelope.open(
                        sealed,
                        new RecordBinding(
                                table, decision.pk(), decision.sk(), ConsentTable.SEALED));
        try {
            return Output.JSON.readTree(plain);
        } catch (IOException e) {
            throw new DecryptionFailedException(
                    "the sealed fields of " + decision.pk() + " " + decision.sk() + " are not JSON",
                    e);
        }
    }
}
