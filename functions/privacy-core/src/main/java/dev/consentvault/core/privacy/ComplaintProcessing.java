package dev.consentvault.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.consent.Identifiers;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.purpose.PersonalField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Processes a queued complaint: reads its sealed details, sorts it into a category, and opens it
 * for staff with its acknowledgement deadline. A "delete my data" complaint also files a deletion
 * request: filed at once (one write, queued from the outbox) when the complaint came with the
 * receipt's token (proof of control), otherwise recorded as awaiting identity verification by staff
 * — erasing on an unverified claim would let anyone erase anyone. Idempotent: the deletion's id
 * derives from the complaint's, and only a RECEIVED complaint is processed, so if opening the
 * complaint fails after the deletion was filed, the message's retry finds the deletion there and
 * finishes; no step sends anything itself.
 */
public final class ComplaintProcessing {

    private static final JsonLog LOG = new JsonLog("complaints");
    // the artifact's one mapper: building another costs init time for nothing

    private final PrivacyRequestStore store;
    private final PrivacyRequests intake;
    private final Envelope envelope;
    // replaced after a SnapStart restore, hence not final
    private volatile SubjectKeys subjectKeys;
    private final String requestsTable;

    public ComplaintProcessing(
            PrivacyRequestStore store,
            PrivacyRequests intake,
            Envelope envelope,
            SubjectKeys subjectKeys,
            String requestsTable) {
        this.store = store;
        this.intake = intake;
        this.envelope = envelope;
        this.subjectKeys = subjectKeys;
        this.requestsTable = requestsTable;
    }

    /**
     * After a SnapStart restore: the index key unwrapped again and no data key from the snapshot.
     */
    public void afterRestore(SubjectKeys reloadedIndexKey) {
        subjectKeys = reloadedIndexKey;
        envelope.afterRestore();
        intake.afterRestore();
    }

    public void process(String messageBody) {
        String requestId = QueueMessages.parseComplaint(messageBody);
        PrivacyRequest complaint = store.find(requestId).orElse(null);
        if (complaint == null || complaint.status() != RequestStatus.RECEIVED) {
            LOG.info("complaint-already-processed", Map.of("privacyRequestId", requestId));
            return;
        }
        JsonNode details = details(requestId);
        ComplaintCategory category = ComplaintCategory.classify(details.path("message").asText());
        String related = null;
        if (category == ComplaintCategory.ERASURE) {
            related =
                    UUID.nameUUIDFromBytes(
                                    (requestId + ":deletion").getBytes(StandardCharsets.UTF_8))
                            .toString();
            if (complaint.receiptId() != null) {
                intake.fileDeletion(
                        new DeletionCommand(
                                related,
                                complaint.subject(),
                                new Filing(
                                        complaint.jurisdiction(),
                                        "complaint:" + requestId,
                                        complaint.ticket()),
                                null));
            } else if (store.find(related).isEmpty()) {
                String contact = details.path("contact").asText("");
                String emailKey =
                        Identifiers.email(contact)
                                .map(e -> subjectKeys.subjectKey(PersonalField.EMAIL, e))
                                .orElse(null);
                String phoneKey =
                        Identifiers.phone(contact)
                                .map(p -> subjectKeys.subjectKey(PersonalField.PHONE, p))
                                .orElse(null);
                intake.recordUnverifiedDeletion(
                        new DeletionCommand(
                                related,
                                new RequestSubject(null, emailKey, phoneKey),
                                new Filing(
                                        complaint.jurisdiction(), "complaint:" + requestId, null),
                                null));
            }
        }
        store.open(requestId, category.label(), related);
        LOG.info(
                "complaint-opened",
                Map.of(
                        "privacyRequestId",
                        requestId,
                        "category",
                        category.label(),
                        "deletionFiled",
                        related != null));
    }

    private JsonNode details(String requestId) {
        byte[] sealed =
                store.sealedDetails(requestId)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "complaint "
                                                        + requestId
                                                        + " has no sealed details"));
        try {
            return Json.read(
                    envelope.open(sealed, PrivacyRequestTable.binding(requestsTable, requestId)));
        } catch (IOException e) {
            throw new IllegalStateException("complaint details are not JSON", e);
        }
    }
}
