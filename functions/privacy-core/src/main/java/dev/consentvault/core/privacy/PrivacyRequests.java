package dev.consentvault.core.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.Identifiers;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.RandomIds;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.StoredItem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Filing privacy requests, from the public API and from support staff. A request is recorded with
 * its deadlines and its dispatch pending in one conditional write, and acknowledged (202) once that
 * write succeeded; {@link RequestDispatch} then puts it on its queue from the table's stream, and
 * its sweeper catches anything the stream missed. There is no second call here that could fail
 * after the first succeeded: a request is either recorded and will be queued, or not recorded at
 * all (503). Complaint details (contact, message) are sealed in the request record; queue messages
 * carry no personal data in clear.
 */
public final class PrivacyRequests {

    // the artifact's one mapper: building another costs init time for nothing

    private final PrivacyRequestStore store;
    private final ReceiptService receipts;
    private final Envelope envelope;
    private final String requestsTable;
    private final Deadlines deadlines;
    private final Clock clock;
    private final RequestNotices notices;
    private final RandomIds ids;

    /**
     * {@code receipts} checks receipt tokens for the public API; staff tools, which never see
     * tokens, pass null.
     */
    public PrivacyRequests(
            PrivacyRequestStore store,
            ReceiptService receipts,
            Envelope envelope,
            String requestsTable,
            Deadlines deadlines,
            Clock clock) {
        this(store, receipts, envelope, requestsTable, deadlines, clock, null);
    }

    /**
     * @param notices writes the "request filed" message to the person with the filing; null where
     *     no message is sent
     */
    public PrivacyRequests(
            PrivacyRequestStore store,
            ReceiptService receipts,
            Envelope envelope,
            String requestsTable,
            Deadlines deadlines,
            Clock clock,
            RequestNotices notices) {
        this(store, receipts, envelope, requestsTable, deadlines, clock, notices, new RandomIds());
    }

    /**
     * @param ids where request ids come from; renewed after a SnapStart restore
     */
    public PrivacyRequests(
            PrivacyRequestStore store,
            ReceiptService receipts,
            Envelope envelope,
            String requestsTable,
            Deadlines deadlines,
            Clock clock,
            RequestNotices notices,
            RandomIds ids) {
        this.ids = ids;
        this.store = store;
        this.receipts = receipts;
        this.envelope = envelope;
        this.requestsTable = requestsTable;
        this.deadlines = deadlines;
        this.clock = clock;
        this.notices = notices;
    }

    /**
     * After a SnapStart restore: no data key or random source for ids from the snapshot, here or in
     * the receipts.
     */
    public void afterRestore() {
        ids.afterRestore();
        envelope.afterRestore();
        receipts.afterRestore();
        if (notices != null) {
            notices.afterRestore();
        }
    }

    /**
     * {@code POST /v1/privacy-requests}, as {@link PrivacyRequestParser} read it: a deletion needs
     * the receipt's token (proof of control), a complaint may come without one. Empty when a
     * deletion's receipt or token is not right (404).
     */
    /** The jurisdictions requests are filed under (the packs, with any fallback). */
    public Jurisdictions jurisdictions() {
        return deadlines.jurisdictions();
    }

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
                            new DeletionCommand(
                                    ids.uuid(),
                                    proven(h),
                                    new Filing(
                                            jurisdiction != null ? jurisdiction : h.jurisdiction(),
                                            "receipt-holder",
                                            null),
                                    message),
                            h.verifiedContact() == null
                                    ? null
                                    : new Contact(h.verifiedContact(), h.language())));
        }
        if (receiptId != null && holder.isEmpty() && bearerToken != null) {
            // a complaint may name a receipt without its token, but a wrong token is not accepted
            return Optional.empty();
        }
        RequestSubject subject = holder.map(PrivacyRequests::proven).orElse(RequestSubject.NONE);
        String complaintJurisdiction =
                jurisdiction != null
                        ? jurisdiction
                        : holder.map(ReceiptService.Holder::jurisdiction).orElse("EU");
        String language = holder.map(ReceiptService.Holder::language).orElse(null);
        String answerTo =
                contact != null
                        ? contact
                        : holder.map(ReceiptService.Holder::verifiedContact).orElse(null);
        return Optional.of(
                fileComplaint(
                        new ComplaintCommand(
                                subject,
                                new Filing(
                                        complaintJurisdiction,
                                        holder.isPresent() ? "receipt-holder" : "complainant",
                                        null),
                                message,
                                answerTo),
                        language));
    }

    /**
     * What a receipt's token proves: the receipt, and the identifiers confirmed on it. A deletion
     * filed with it erases that receipt only, unless an identifier was confirmed there; then
     * everything held under that identifier (see {@link Erasure#subjectItems}).
     */
    private static RequestSubject proven(ReceiptService.Holder holder) {
        return new RequestSubject(
                holder.receiptId(), holder.provenEmailKey(), holder.provenPhoneKey());
    }

    /**
     * Files a deletion of what the subject's proven keys or receipt name; it is queued from the
     * outbox.
     */
    public Filed fileDeletion(DeletionCommand command) {
        return fileDeletion(command, null);
    }

    /**
     * As {@link #fileDeletion(DeletionCommand)}, telling {@code answerTo} (an identifier the
     * requester proved control of; may be null) that it was filed and by when it is due, in the
     * same write; the contact is sealed to the request so that its completion is told there too.
     */
    public Filed fileDeletion(DeletionCommand command, Contact answerTo) {
        PrivacyRequest request =
                PrivacyRequest.received(
                        command.requestId(),
                        RequestType.DELETION,
                        command.subject(),
                        command.filing(),
                        deadlines,
                        now());
        return file(
                request,
                command.message() == null && answerTo == null
                        ? null
                        : details(command.requestId(), answerTo, command.message()),
                answerTo);
    }

    /**
     * Files a complaint, queued from the outbox; its contact and message are sealed to the request
     * record.
     */
    public Filed fileComplaint(ComplaintCommand command) {
        return fileComplaint(command, null);
    }

    /** As {@link #fileComplaint(ComplaintCommand)}, answering its contact in {@code locale}. */
    public Filed fileComplaint(ComplaintCommand command, String locale) {
        Contact answerTo =
                command.contact() == null
                        ? null
                        : new Contact(
                                Identifiers.email(command.contact())
                                        .or(() -> Identifiers.phone(command.contact()))
                                        .orElse(command.contact()),
                                locale);
        PrivacyRequest request =
                PrivacyRequest.received(
                        ids.uuid(),
                        RequestType.COMPLAINT,
                        command.subject(),
                        command.filing(),
                        deadlines,
                        now());
        return file(request, details(request.requestId(), answerTo, command.message()), answerTo);
    }

    /**
     * Records a deletion that staff must verify before it runs (not queued); its message, if any,
     * sealed as a filed deletion's is.
     */
    public Filed recordUnverifiedDeletion(DeletionCommand command) {
        PrivacyRequest request =
                PrivacyRequest.awaitingVerification(
                        command.requestId(), command.subject(), command.filing(), deadlines, now());
        store.create(
                request,
                command.message() == null
                        ? null
                        : details(command.requestId(), null, command.message()));
        return Filed.of(request);
    }

    /**
     * Runs a deletion that waited for identity verification, once staff verified it: one
     * conditional update makes it RECEIVED with its dispatch pending, so it is queued from the
     * outbox like any other. Returns the request as it now stands (unchanged if it had been
     * verified meanwhile).
     */
    public Filed runVerifiedDeletion(PrivacyRequest request, String verifiedBy) {
        if (request.type() != RequestType.DELETION
                || request.status() != RequestStatus.AWAITING_VERIFICATION) {
            throw new IllegalArgumentException(
                    "only a deletion awaiting verification can be verified");
        }
        store.markVerified(request.requestId(), verifiedBy, clock.instant());
        return Filed.of(store.find(request.requestId()).orElseThrow());
    }

    /**
     * Records an access request that staff have just answered with an export: COMPLETED at once,
     * with the subject only as a hash of the keys looked up, so there is proof of when and by whom
     * it was met.
     */
    public Filed recordAnsweredAccess(
            String subjectKeyHash, Filing filing, RetentionPolicy proofRetention) {
        Instant now = now();
        PrivacyRequest request =
                PrivacyRequest.answeredAccess(ids.uuid(), subjectKeyHash, filing, deadlines, now);
        store.recordCompleted(request, proofRetention.expiryFor(now).getEpochSecond());
        return Filed.of(request);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The one write of a filing: the record, its sealed details and its pending dispatch. */
    private Filed file(PrivacyRequest request, byte[] sealedDetails, Contact answerTo) {
        List<StoredItem> messages =
                notices == null || answerTo == null
                        ? List.of()
                        : notices.filed(answerTo, request, now());
        if (!store.create(request, sealedDetails, messages)) {
            return Filed.of(store.find(request.requestId()).orElseThrow());
        }
        return Filed.of(request);
    }

    private byte[] details(String requestId, Contact contact, String message) {
        ObjectNode details = Json.object();
        if (contact != null) {
            details.put("contact", contact.address());
            if (contact.locale() != null) {
                details.put("locale", contact.locale());
            }
        }
        if (message != null) {
            details.put("message", message);
        }
        return envelope.seal(
                details.toString().getBytes(StandardCharsets.UTF_8),
                PrivacyRequestTable.binding(requestsTable, requestId));
    }
}
