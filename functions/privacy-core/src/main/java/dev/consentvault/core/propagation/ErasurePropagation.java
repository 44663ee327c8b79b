package dev.consentvault.core.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.consent.ConsentStatus;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.ReceiptKey;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.ItemKey;
import dev.consentvault.core.store.StoredItem;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Before an erasure deletes anything, records what each processor that received the person's data
 * must be told: for every live GRANTED decision whose purpose names third parties, the processor
 * each one is, and the hashed identifiers it matches on (opened from the decision's sealed fields
 * while the receipt's key still exists, then sealed again to the notice, see {@link Notices}). The
 * notices and the request's "waiting for these processors" are one transaction ({@link
 * PropagationStore#recordForErasure}); a retry after it finds them recorded and adds nothing.
 */
public final class ErasurePropagation {

    private static final JsonLog LOG = new JsonLog("erasure-propagation");

    private final ConsentStore consents;
    private final ReceiptKeys receiptKeys;
    private final String consentTable;
    private final Processors processors;
    private final PropagationStore store;
    private final Envelope requestsEnvelope;
    private final String requestsTable;
    private final Set<String> sharingPurposes;

    /**
     * @param sharingPurposes the catalogue's purposes that name third parties: only receipts with a
     *     decision for one of them are read (a person's other receipts cost the erasure nothing
     *     more)
     */
    public ErasurePropagation(
            ConsentStore consents,
            ReceiptKeys receiptKeys,
            String consentTable,
            Processors processors,
            PropagationStore store,
            Envelope requestsEnvelope,
            String requestsTable,
            Set<String> sharingPurposes) {
        this.consents = consents;
        this.receiptKeys = receiptKeys;
        this.consentTable = consentTable;
        this.processors = processors;
        this.store = store;
        this.requestsEnvelope = requestsEnvelope;
        this.requestsTable = requestsTable;
        this.sharingPurposes = Set.copyOf(sharingPurposes);
    }

    /**
     * Records the request's notices (once), from the subject's items as the erasure found them;
     * returns how many processors it waits for.
     */
    public int record(PrivacyRequest request, Collection<ItemKey> subjectItems, Instant now) {
        Set<String> receiptIds = new TreeSet<>();
        for (ItemKey item : subjectItems) {
            if (item.pk().startsWith(ConsentTable.RECEIPT_PK_PREFIX)
                    && item.sk().startsWith(ConsentTable.PURPOSE_SK_PREFIX)
                    && sharingPurposes.contains(
                            item.sk().substring(ConsentTable.PURPOSE_SK_PREFIX.length()))) {
                receiptIds.add(item.pk().substring(ConsentTable.RECEIPT_PK_PREFIX.length()));
            }
        }
        if (receiptIds.isEmpty() || store.recordedFor(request.requestId())) {
            return receiptIds.isEmpty() ? 0 : store.awaitingProcessors(request.requestId()).size();
        }
        Notices notices = new Notices(processors, requestsEnvelope, requestsTable);
        for (String receiptId : receiptIds) {
            collect(receiptId, now, notices);
        }
        if (notices.isEmpty()) {
            return 0;
        }
        List<PropagationItem> items =
                notices.items(
                        request.requestId(),
                        PropagationItem.ERASURE,
                        request.requestId(),
                        now,
                        request.dueAt());
        store.recordForErasure(request.requestId(), items, now);
        LOG.info(
                "propagation-recorded",
                Map.of(
                        "privacyRequestId",
                        request.requestId(),
                        "processors",
                        String.join(
                                ",", items.stream().map(PropagationItem::processorId).toList())));
        return store.awaitingProcessors(request.requestId()).size();
    }

    private void collect(String receiptId, Instant now, Notices notices) {
        Supplier<Optional<ReceiptKey>> key =
                new Supplier<>() {
                    private Optional<ReceiptKey> cached;

                    @Override
                    public Optional<ReceiptKey> get() {
                        if (cached == null) {
                            cached =
                                    consents.receiptKey(receiptId)
                                            .map(
                                                    k ->
                                                            receiptKeys.unwrap(
                                                                    receiptId, k.wrappedKey()));
                        }
                        return cached;
                    }
                };
        for (StoredItem item : consents.partition(ConsentTable.receiptPk(receiptId))) {
            if (!DecisionItem.is(item) || item.expiredAt(now)) {
                continue;
            }
            DecisionItem decision = DecisionItem.of(item);
            if (decision.status() != ConsentStatus.GRANTED
                    || decision.thirdParties().isEmpty()
                    || decision.sealed() == null) {
                continue;
            }
            notices.add(decision.purposeId(), decision.thirdParties(), open(decision, key));
        }
    }

    private JsonNode open(DecisionItem decision, Supplier<Optional<ReceiptKey>> key) {
        byte[] plain = receiptKeys.open(decision.sealed(), decision.binding(consentTable), key);
        try {
            return Json.read(plain);
        } catch (IOException e) {
            throw new IllegalStateException("sealed fields are not JSON", e);
        }
    }
}
