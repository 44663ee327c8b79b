package dev.consentvault.core.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Filing privacy requests, from the public API and from support staff. A request is recorded with
 * its deadlines, then put on its queue; only then is it acknowledged (202). If queueing fails the
 * record is removed again and the caller gets a 503: nothing half-done. Complaint details (contact,
 * message) are sealed in the request record; queue messages carry no personal data in clear.
 */
public final class PrivacyRequests {

    public static final String TABLE_PK_PREFIX = "REQUEST#";
    public static final String TABLE_SK = "REQUEST";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivacyRequestStore store;
    private final RequestQueue queue;
    private final ReceiptService receipts;
    private final Envelope envelope;
    private final String requestsTable;
    private final Deadlines deadlines;
    private final Clock clock;

    /**
     * {@code receipts} checks receipt tokens for the public API; staff tools, which never see
     * tokens, pass null.
     */
    public PrivacyRequests(
            PrivacyRequestStore store,
            RequestQueue queue,
            ReceiptService receipts,
            Envelope envelope,
            String requestsTable,
            Deadlines deadlines,
            Clock clock) {
        this.store = store;
        this.queue = queue;
        this.receipts = receipts;
        this.envelope = envelope;
        this.requestsTable = requestsTable;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * {@code POST /v1/privacy-requests}, as {@link PrivacyRequestParser} read it: a deletion needs
     * the receipt's token (proof of control), a complaint may come without one. Empty when a
     * deletion's receipt or token is not right (404).
     */
    public Optional<Filed> fileFromApi(PrivacyRequestCommand command, String bearerToken) {
        RequestType type = command.type();
        String receiptId = command.receiptId();
        String message = command.message();
        String contact = command.contact();
        String jurisdiction = command.jurisdiction();
        Optional<ReceiptService.Holder> holder =
                receiptId == null ? Optional.empty() : receipts.verify(receiptId, bearerToken);
        if (type == RequestType.DELETION) {
            if (holder.isEmpty()) {
                return Optional.empty();
            }
            ReceiptService.Holder h = holder.get();
            return Optional.of(
                    fileDeletion(
                            UUID.randomUUID().toString(),
                            h.receiptId(),
                            h.emailKey(),
                            h.phoneKey(),
                            jurisdiction != null ? jurisdiction : h.jurisdiction(),
                            "receipt-holder",
                            null,
                            message));
        }
        if (receiptId != null && holder.isEmpty() && bearerToken != null) {
            // a complaint may name a receipt without its token, but a wrong token is not accepted
            return Optional.empty();
        }
        String verifiedReceipt = holder.map(ReceiptService.Holder::receiptId).orElse(null);
        String complaintJurisdiction =
                jurisdiction != null
                        ? jurisdiction
                        : holder.map(ReceiptService.Holder::jurisdiction).orElse("EU");
        return Optional.of(
                fileComplaint(
                        verifiedReceipt,
                        holder.map(ReceiptService.Holder::emailKey).orElse(null),
                        holder.map(ReceiptService.Holder::phoneKey).orElse(null),
                        message,
                        contact,
                        complaintJurisdiction,
                        holder.isPresent() ? "receipt-holder" : "complainant",
                        null));
    }

    /**
     * Files and queues a deletion of everything held about the subject the keys or receipt name.
     */
    public Filed fileDeletion(
            String requestId,
            String receiptId,
            String emailKey,
            String phoneKey,
            String jurisdiction,
            String requestedBy,
            String ticket,
            String message) {
        PrivacyRequest request =
                newRequest(
                        requestId,
                        RequestType.DELETION,
                        RequestStatus.RECEIVED,
                        jurisdiction,
                        requestedBy,
                        ticket,
                        receiptId,
                        emailKey,
                        phoneKey);
        return file(
                request,
                message == null ? null : details(requestId, null, message),
                QueueMessages.deletion(
                        new QueueMessages.Deletion(requestId, receiptId, emailKey, phoneKey)));
    }

    /** Files and queues a complaint; its contact and message are sealed to the request record. */
    public Filed fileComplaint(
            String receiptId,
            String emailKey,
            String phoneKey,
            String message,
            String contact,
            String jurisdiction,
            String requestedBy,
            String ticket) {
        PrivacyRequest request =
                newRequest(
                        UUID.randomUUID().toString(),
                        RequestType.COMPLAINT,
                        RequestStatus.RECEIVED,
                        jurisdiction,
                        requestedBy,
                        ticket,
                        receiptId,
                        emailKey,
                        phoneKey);
        return file(
                request,
                details(request.requestId(), contact, message),
                QueueMessages.complaint(request.requestId()));
    }

    /** Records a deletion that staff must verify before it runs (not queued). */
    public Filed recordUnverifiedDeletion(
            String requestId,
            String emailKey,
            String phoneKey,
            String jurisdiction,
            String requestedBy) {
        PrivacyRequest request =
                newRequest(
                        requestId,
                        RequestType.DELETION,
                        RequestStatus.AWAITING_VERIFICATION,
                        jurisdiction,
                        requestedBy,
                        null,
                        null,
                        emailKey,
                        phoneKey);
        store.create(request, null);
        return Filed.of(request);
    }

    /**
     * Runs a deletion that waited for identity verification, once staff verified it: queued first,
     * then marked RECEIVED (if the mark fails the deletion still runs; the processor completes it
     * either way).
     */
    public Filed runVerifiedDeletion(PrivacyRequest request, String verifiedBy) {
        if (request.type() != RequestType.DELETION
                || request.status() != RequestStatus.AWAITING_VERIFICATION) {
            throw new IllegalArgumentException(
                    "only a deletion awaiting verification can be verified");
        }
        queue.send(
                RequestType.DELETION,
                QueueMessages.deletion(
                        new QueueMessages.Deletion(
                                request.requestId(),
                                request.receiptId(),
                                request.emailKey(),
                                request.phoneKey())));
        store.markVerified(request.requestId(), verifiedBy);
        return new Filed(
                request.requestId(),
                request.type(),
                RequestStatus.RECEIVED,
                request.acknowledgeBy(),
                request.dueAt());
    }

    /**
     * Records an access request that staff have just answered with an export: COMPLETED at once,
     * with the subject only as a hash of the keys looked up, so there is proof of when and by whom
     * it was met.
     */
    public Filed recordAnsweredAccess(
            String subjectKeyHash,
            String jurisdiction,
            String requestedBy,
            String ticket,
            RetentionPolicy proofRetention) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LegalRegime regime = LegalRegime.of(jurisdiction);
        PrivacyRequest request =
                new PrivacyRequest(
                        UUID.randomUUID().toString(),
                        RequestType.ACCESS,
                        RequestStatus.COMPLETED,
                        jurisdiction,
                        regime,
                        now,
                        now,
                        deadlines.dueAt(regime, now),
                        null,
                        now,
                        now,
                        requestedBy,
                        ticket,
                        null,
                        null,
                        null,
                        null,
                        null,
                        subjectKeyHash,
                        null);
        store.recordCompleted(request, proofRetention.expiryFor(now).getEpochSecond());
        return Filed.of(request);
    }

    /** A new open request, received now, with the deadlines its type and jurisdiction give it. */
    private PrivacyRequest newRequest(
            String requestId,
            RequestType type,
            RequestStatus status,
            String jurisdiction,
            String requestedBy,
            String ticket,
            String receiptId,
            String emailKey,
            String phoneKey) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LegalRegime regime = LegalRegime.of(jurisdiction);
        return new PrivacyRequest(
                requestId,
                type,
                status,
                jurisdiction,
                regime,
                now,
                deadlines.acknowledgeBy(type, regime, now),
                deadlines.dueAt(regime, now),
                null,
                null,
                null,
                requestedBy,
                ticket,
                null,
                receiptId,
                emailKey,
                phoneKey,
                null,
                null,
                null);
    }

    private Filed file(PrivacyRequest request, byte[] sealedDetails, String message) {
        if (!store.create(request, sealedDetails)) {
            return Filed.of(store.find(request.requestId()).orElseThrow());
        }
        try {
            queue.send(request.type(), message);
        } catch (DependencyUnavailableException e) {
            store.delete(request.requestId());
            throw e;
        }
        return Filed.of(request);
    }

    private byte[] details(String requestId, String contact, String message) {
        ObjectNode details = JSON.createObjectNode();
        if (contact != null) {
            details.put("contact", contact);
        }
        if (message != null) {
            details.put("message", message);
        }
        return envelope.seal(
                details.toString().getBytes(StandardCharsets.UTF_8),
                binding(requestsTable, requestId));
    }

    /** Complaint details are sealed to their request record. */
    public static RecordBinding binding(String requestsTable, String requestId) {
        return new RecordBinding(requestsTable, TABLE_PK_PREFIX + requestId, TABLE_SK, "sealed");
    }
}
