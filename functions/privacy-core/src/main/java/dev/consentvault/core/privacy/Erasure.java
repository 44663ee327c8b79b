package dev.consentvault.core.privacy;

import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.propagation.ErasurePropagation;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.IndexedItem;
import dev.consentvault.core.store.ItemKey;
import dev.consentvault.core.store.StoredItem;
import dev.consentvault.core.store.SubjectKeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Carries out a deletion request: finds every item of the subject — all receipts, decisions and
 * idempotency markers, following each receipt's other identifier (a person who gave both email and
 * phone is one subject) — deletes their receipts' keys first (shredding every copy of the sealed
 * fields, backups included), then the items, in batches, and records completion with a proof that
 * holds no personal data. Idempotent on the request id: a duplicate delivery finds it completed and
 * does nothing.
 */
public final class Erasure {

    private static final JsonLog LOG = new JsonLog("erasure");

    private final ConsentStore consents;
    private final PrivacyRequestStore requests;
    private final Clock clock;
    private final RetentionPolicy proofRetention;
    private final ErasurePropagation propagation;
    private final SuppressionList suppression;

    public Erasure(
            ConsentStore consents,
            PrivacyRequestStore requests,
            Clock clock,
            RetentionPolicy proofRetention) {
        this(consents, requests, clock, proofRetention, null, null);
    }

    /**
     * With {@code propagation}, the processors that received the person's data are told (signed
     * webhooks) and the request completes only once each has acknowledged; with {@code
     * suppression}, the person's identifiers go on the suppression list (keyed hashes).
     */
    public Erasure(
            ConsentStore consents,
            PrivacyRequestStore requests,
            Clock clock,
            RetentionPolicy proofRetention,
            ErasurePropagation propagation,
            SuppressionList suppression) {
        this.consents = consents;
        this.requests = requests;
        this.clock = clock;
        this.proofRetention = proofRetention;
        this.propagation = propagation;
        this.suppression = suppression;
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
        boolean completedNow =
                requests.complete(
                        request.requestId(),
                        now,
                        deleted,
                        ConsentCapture.sha256(String.join("|", subjectKeys)),
                        proofRetention.expiryFor(now).getEpochSecond());
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

    /** The closure over subject keys: each item found may name another key of the same person. */
    public Set<ItemKey> subjectItems(QueueMessages.Deletion message, Set<String> subjectKeysSeen) {
        Set<ItemKey> items = new LinkedHashSet<>();
        Deque<String[]> frontier = new ArrayDeque<>();
        follow(message.emailKey(), message.phoneKey(), frontier);
        if (message.receiptId() != null) {
            for (StoredItem item :
                    consents.partition(ConsentTable.receiptPk(message.receiptId()))) {
                items.add(new ItemKey(item.pk(), item.sk()));
                SubjectKeyPair keys = SubjectKeyPair.of(item);
                follow(keys.emailKey(), keys.phoneKey(), frontier);
            }
        }
        Set<String> visited = new LinkedHashSet<>();
        while (!frontier.isEmpty()) {
            String[] next = frontier.poll();
            if (!visited.add(next[0] + "=" + next[1])) {
                continue;
            }
            for (IndexedItem item : consents.itemsBySubjectKey(next[0], next[1])) {
                items.add(item.key());
                follow(item.emailKey(), item.phoneKey(), frontier);
            }
        }
        subjectKeysSeen.addAll(visited);
        return items;
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
