package dev.consentvault.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.FieldError;
import dev.consentvault.core.consent.Identifiers;
import dev.consentvault.core.consent.InvalidRequestException;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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

    public static final String TABLE_PK_PREFIX = "REQUEST#";
    public static final String TABLE_SK = "REQUEST";

    /**
     * Outbox attributes: {@code dispatch = PENDING} and {@code dispatchSince} (ISO instant) while a
     * request waits to be queued (the index {@code byDispatch} holds only those), {@code
     * dispatchedAt} once it was.
     */
    public static final String DISPATCH = "dispatch";

    public static final String DISPATCH_PENDING = "PENDING";
    public static final String DISPATCH_SINCE = "dispatchSince";
    public static final String DISPATCHED_AT = "dispatchedAt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of("type", "receiptId", "message", "contact", "jurisdiction");
    private static final int MAX_MESSAGE = 4000;

    private final PrivacyRequestStore store;
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
            ReceiptService receipts,
            Envelope envelope,
            String requestsTable,
            Deadlines deadlines,
            Clock clock) {
        this.store = store;
        this.receipts = receipts;
        this.envelope = envelope;
        this.requestsTable = requestsTable;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * {@code POST /v1/privacy-requests}: a deletion needs the receipt's token (proof of control), a
     * complaint may come without one. Empty when a deletion's receipt or token is not right (404).
     */
    public Optional<Filed> fileFromApi(byte[] body, String bearerToken) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }
        List<FieldError> errors = new ArrayList<>(FieldError.unknownFields(root, FIELDS, ""));
        RequestType type =
                RequestType.fromJsonName(root.path("type").asText())
                        .filter(t -> t != RequestType.ACCESS)
                        .orElse(null);
        if (type == null) {
            errors.add(new FieldError("type", "must be \"deletion\" or \"complaint\""));
        }
        String receiptId = text(root, "receiptId");
        String message = text(root, "message");
        String contact = text(root, "contact");
        String jurisdiction = text(root, "jurisdiction");
        if (message != null && (message.isBlank() || message.length() > MAX_MESSAGE)) {
            errors.add(new FieldError("message", "must be 1 to " + MAX_MESSAGE + " characters"));
        }
        if (contact != null
                && Identifiers.email(contact).isEmpty()
                && Identifiers.phone(contact).isEmpty()) {
            errors.add(
                    new FieldError(
                            "contact",
                            "must be an email address or an international phone number"));
        }
        if (jurisdiction != null && !LegalRegime.JURISDICTION.matcher(jurisdiction).matches()) {
            errors.add(
                    new FieldError(
                            "jurisdiction",
                            "must be an ISO 3166 code such as \"EU\", \"GB\" or \"US-CA\""));
        }
        if (type == RequestType.DELETION && receiptId == null) {
            errors.add(
                    new FieldError(
                            "receiptId",
                            "is required for a deletion, with the receipt's token as a Bearer token"));
        }
        if (type == RequestType.COMPLAINT && message == null) {
            errors.add(new FieldError("message", "is required for a complaint"));
        }
        if (type == RequestType.COMPLAINT && receiptId == null && contact == null) {
            errors.add(
                    new FieldError(
                            "contact",
                            "is required for a complaint without a receipt, so we can answer you"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(
                    "The privacy request has "
                            + errors.size()
                            + (errors.size() == 1 ? " problem." : " problems."),
                    errors);
        }
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
     * Files a deletion of everything held about the subject the keys or receipt name; it is queued
     * from the outbox.
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
        return file(request, message == null ? null : details(requestId, null, message));
    }

    /**
     * Files a complaint, queued from the outbox; its contact and message are sealed to the request
     * record.
     */
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
        return file(request, details(request.requestId(), contact, message));
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

    /** The one write of a filing: the record, its sealed details and its pending dispatch. */
    private Filed file(PrivacyRequest request, byte[] sealedDetails) {
        if (!store.create(request, sealedDetails)) {
            return Filed.of(store.find(request.requestId()).orElseThrow());
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

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
