package dev.consentvault.core.privacy;

import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.propagation.ErasurePropagation;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.IdempotencyMarker;
import dev.consentvault.core.store.IndexedItem;
import dev.consentvault.core.store.ItemKey;
import dev.consentvault.core.store.ReceiptItem;
import dev.consentvault.core.store.StoredItem;
import dev.consentvault.core.store.SubjectKeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Carries out a deletion request: finds every item in its verified scope ({@link #subjectItems}) —
 * one receipt for a receipt token alone; all receipts, decisions and idempotency markers of a
 * person for a proven identifier, following a receipt's other identifier where it was confirmed too
 * — deletes their receipts' keys first (shredding every copy of the sealed fields, backups
 * included), then the items, in batches, and records completion with a proof that holds no personal
 * data. Idempotent on the request id: a duplicate delivery finds it completed and does nothing.
 */
public final class Erasure {

    private static final JsonLog LOG = new JsonLog("erasure");

    private final ConsentStore consents;
    private final PrivacyRequestStore requests;
    private final Clock clock;
    private final RetentionPolicy proofRetention;
    private final Told told;
    private final ErasurePropagation propagation;
    private final SuppressionList suppression;

    public Erasure(
            ConsentStore consents,
            PrivacyRequestStore requests,
            Clock clock,
            RetentionPolicy proofRetention) {
        this(consents, requests, clock, proofRetention, null, null, null);
    }

    /**
     * @param told opens a request's sealed contact and writes the "done" message to it with the
     *     completion; null where no message is sent
     * @param propagation the processors that received the person's data are told (signed webhooks)
     *     and the request completes only once each has acknowledged; null: none
     * @param suppression the person's identifiers go on the suppression list (keyed hashes); null:
     *     none
     */
    public Erasure(
            ConsentStore consents,
            PrivacyRequestStore requests,
            Clock clock,
            RetentionPolicy proofRetention,
            Told told,
            ErasurePropagation propagation,
            SuppressionList suppression) {
        this.consents = consents;
        this.requests = requests;
        this.clock = clock;
        this.proofRetention = proofRetention;
        this.told = told;
        this.propagation = propagation;
        this.suppression = suppression;
    }

    /** What telling the person needs: the requests table's envelope and the notices. */
    public record Told(Envelope envelope, String requestsTable, RequestNotices notices) {

        /**
         * The "done" message to the contact sealed in the request's details; empty when it has none
         * (or its details are gone). Only that request's own contact: no one else's data.
         */
        public java.util.List<dev.consentvault.core.store.StoredItem> completed(
                PrivacyRequestStore requests, String requestId, Instant now) {
            Optional<byte[]> sealed = requests.sealedDetails(requestId);
            if (sealed.isEmpty()) {
                return java.util.List.of();
            }
            Contact to =
                    RequestDetails.open(envelope, requestsTable, requestId, sealed.get())
                            .answerTo();
            return to == null ? java.util.List.of() : notices.completed(to, requestId, now);
        }
    }

    /**
     * Processes one queue message; an exception means "retry it" (and after five receives, the
     * DLQ).
     */
    public void process(String messageBody) {
        QueueMessages.Deletion message = QueueMessages.parseDeletion(messageBody);
        PrivacyRequest request = requests.find(message.requestId()).orElse(null);
        if (request == null) {
            // only recorded requests are queued: this one's proof has expired, or the message is
            // forged; nothing to do
            LOG.warn("deletion-request-unknown", Map.of("privacyRequestId", message.requestId()));
            return;
        }
        if (request.status() == RequestStatus.COMPLETED
                || request.status() == RequestStatus.IN_PROGRESS) {
            LOG.info("deletion-duplicate", Map.of("privacyRequestId", request.requestId()));
            return;
        }
        Set<String> subjectKeys = new TreeSet<>();
        Set<ItemKey> items = subjectItems(message, subjectKeys);
        if (propagation != null) {
            // recorded before anything is deleted: the notices need the sealed fields opened
            propagation.record(request, items, clock.instant());
        }
        if (suppression != null) {
            // idempotent, before anything is deleted: a retry finds the same keys again
            suppression.suppress(subjectKeys, clock.instant());
        }
        // keys before items: a failure in between leaves ciphertext nothing opens, and the retry
        // finds the items again
        consents.deleteReceiptKeys(receiptIds(items));
        int deleted = consents.deleteItems(items);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // the contact goes with the request's details when it completes: read it first
        java.util.List<dev.consentvault.core.store.StoredItem> doneMessage =
                told == null
                        ? java.util.List.of()
                        : told.completed(requests, request.requestId(), now);
        boolean completedNow =
                requests.complete(
                        request.requestId(),
                        now,
                        deleted,
                        ConsentCapture.sha256(String.join("|", subjectKeys)),
                        proofRetention.expiryFor(now).getEpochSecond(),
                        doneMessage);
        LOG.info(
                "deletion-completed",
                Map.of(
                        "privacyRequestId",
                        request.requestId(),
                        "itemsErased",
                        deleted,
                        "duplicate",
                        !completedNow));
    }

    /**
     * The items in the deletion's verified scope. The subject keys the message names were proven (a
     * verified session, an identifier confirmed on the receipt, or staff who verified the person):
     * every item carrying them goes. A receipt named alone goes with its own items only. From any
     * receipt reached, the scope follows that receipt's other identifier only when it was confirmed
     * on that receipt: a stranger who typed someone else's email beside their own phone number
     * links nothing, so erasing the stranger never reaches the other person.
     */
    public Set<ItemKey> subjectItems(QueueMessages.Deletion message, Set<String> subjectKeysSeen) {
        Set<ItemKey> items = new LinkedHashSet<>();
        Deque<String[]> frontier = new ArrayDeque<>();
        follow(message.emailKey(), message.phoneKey(), frontier);
        if (message.receiptId() != null) {
            Set<SubjectKeyPair> keysOnIt = new LinkedHashSet<>();
            for (StoredItem item :
                    consents.partition(ConsentTable.receiptPk(message.receiptId()))) {
                items.add(new ItemKey(item.pk(), item.sk()));
                keysOnIt.add(SubjectKeyPair.of(item));
                if (ReceiptItem.is(item)) {
                    followVerified(ReceiptItem.of(item), frontier);
                }
            }
            // its pending double opt-ins live beside it, under the receipt's id
            for (StoredItem item :
                    consents.partition(ConsentTable.confirmationPk(message.receiptId()))) {
                items.add(new ItemKey(item.pk(), item.sk()));
                keysOnIt.add(SubjectKeyPair.of(item));
            }
            items.addAll(markersOf(message.receiptId(), keysOnIt));
            // its pending confirmations (a link's or code's hash, attempts) go with it
            for (StoredItem item :
                    consents.partition(ConsentTable.confirmationPk(message.receiptId()))) {
                items.add(new ItemKey(item.pk(), item.sk()));
            }
        }
        Set<String> visited = new LinkedHashSet<>();
        Set<String> receiptsChecked = new HashSet<>();
        while (!frontier.isEmpty()) {
            String[] next = frontier.poll();
            if (!visited.add(next[0] + "=" + next[1])) {
                continue;
            }
            List<ItemKey> receiptsToCheck = new ArrayList<>();
            for (IndexedItem item : consents.itemsBySubjectKey(next[0], next[1])) {
                items.add(item.key());
                if (item.pk().startsWith(ConsentTable.RECEIPT_PK_PREFIX)) {
                    // a decision pending confirmation carries a key its receipt item does not yet:
                    // the receipt goes with it (and its key, so the rest of it opens nowhere)
                    items.add(new ItemKey(item.pk(), ConsentTable.RECEIPT_SK));
                }
                String other =
                        ConsentTable.EMAIL_KEY.equals(next[0])
                                ? ConsentTable.PHONE_KEY + "=" + item.phoneKey()
                                : ConsentTable.EMAIL_KEY + "=" + item.emailKey();
                if (item.pk().startsWith(ConsentTable.RECEIPT_PK_PREFIX)
                        && !other.endsWith("=null")
                        && !visited.contains(other)
                        && receiptsChecked.add(item.pk())) {
                    receiptsToCheck.add(new ItemKey(item.pk(), ConsentTable.RECEIPT_SK));
                }
            }
            // the index does not carry what was confirmed: the receipts themselves say (read
            // together, not one request a receipt)
            for (StoredItem receipt : consents.findAll(receiptsToCheck)) {
                if (ReceiptItem.is(receipt)) {
                    followVerified(ReceiptItem.of(receipt), frontier);
                }
            }
        }
        subjectKeysSeen.addAll(visited);
        return items;
    }

    /**
     * The idempotency markers of this receipt's own capture: they carry its subject keys but live
     * outside its partition, so a deletion of the receipt alone looks them up by the keys its items
     * carry (they live 24 hours, so there are few; one whose capture kept no key is sealed under
     * the receipt's key, shredded with it).
     */
    private Set<ItemKey> markersOf(String receiptId, Set<SubjectKeyPair> keysOnIt) {
        Set<ItemKey> markers = new LinkedHashSet<>();
        Set<String> asked = new HashSet<>();
        for (SubjectKeyPair keys : keysOnIt) {
            String attribute =
                    keys.emailKey() != null ? ConsentTable.EMAIL_KEY : ConsentTable.PHONE_KEY;
            String key = keys.emailKey() != null ? keys.emailKey() : keys.phoneKey();
            if (key == null || !asked.add(attribute + "=" + key)) {
                continue;
            }
            for (IndexedItem item : consents.itemsBySubjectKey(attribute, key)) {
                if (item.pk().startsWith(ConsentTable.IDEMPOTENCY_PK_PREFIX)) {
                    consents.find(item.pk(), item.sk())
                            .filter(m -> receiptId.equals(IdempotencyMarker.of(m).receiptId()))
                            .ifPresent(m -> markers.add(item.key()));
                }
            }
        }
        return markers;
    }

    private static void followVerified(ReceiptItem receipt, Deque<String[]> frontier) {
        SubjectKeyPair keys = receipt.subjectKeys();
        follow(
                receipt.verified().contains(PersonalField.EMAIL) ? keys.emailKey() : null,
                receipt.verified().contains(PersonalField.PHONE) ? keys.phoneKey() : null,
                frontier);
    }

    private static Set<String> receiptIds(Set<ItemKey> items) {
        Set<String> ids = new TreeSet<>();
        for (ItemKey item : items) {
            if (item.pk().startsWith(ConsentTable.RECEIPT_PK_PREFIX)) {
                ids.add(item.pk().substring(ConsentTable.RECEIPT_PK_PREFIX.length()));
            }
        }
        return ids;
    }

    private static void follow(String emailKey, String phoneKey, Deque<String[]> frontier) {
        if (emailKey != null) {
            frontier.add(new String[] {ConsentTable.EMAIL_KEY, emailKey});
        }
        if (phoneKey != null) {
            frontier.add(new String[] {ConsentTable.PHONE_KEY, phoneKey});
        }
    }
}
