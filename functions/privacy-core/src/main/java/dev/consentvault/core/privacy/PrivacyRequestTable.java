package dev.consentvault.core.privacy;

import dev.consentvault.core.crypto.RecordBinding;

/**
 * Layout of the privacy-requests table: one item per request, pk {@code REQUEST#{requestId}}, sk
 * {@code REQUEST}, holding the {@link PrivacyRequest}'s components under the names below. The index
 * {@code byStatus} ({@code status}, {@code dueAt}) answers "what is open, and what is overdue";
 * {@code expiresAt} (the TTL) is set only once a request is completed or closed, so open requests
 * never expire. A complaint's contact and message are sealed in {@code sealed}.
 */
public final class PrivacyRequestTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String PK_PREFIX = "REQUEST#";
    public static final String SK_VALUE = "REQUEST";
    public static final String STATUS_INDEX = "byStatus";

    /** Sparse: holds only the requests waiting to be queued (the outbox). */
    public static final String DISPATCH_INDEX = "byDispatch";

    public static final String REQUEST_ID = "requestId";
    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String JURISDICTION = "jurisdiction";
    public static final String REGIME = "regime";
    public static final String RECEIVED_AT = "receivedAt";
    public static final String ACKNOWLEDGE_BY = "acknowledgeBy";
    public static final String DUE_AT = "dueAt";
    public static final String EXTENSION_REASON = "extensionReason";
    public static final String ACKNOWLEDGED_AT = "acknowledgedAt";
    public static final String COMPLETED_AT = "completedAt";
    public static final String REQUESTED_BY = "requestedBy";
    public static final String TICKET = "ticket";
    public static final String CATEGORY = "category";
    public static final String RECEIPT_ID = "receiptId";
    public static final String EMAIL_KEY = "emailKey";
    public static final String PHONE_KEY = "phoneKey";
    public static final String ITEMS_ERASED = "itemsErased";
    public static final String SUBJECT_KEY_HASH = "subjectKeyHash";
    public static final String RELATED_REQUEST_ID = "relatedRequestId";
    public static final String VERIFIED_BY = "verifiedBy";
    public static final String SEALED = "sealed";

    /**
     * Outbox attributes: {@code dispatch = PENDING} and {@code dispatchSince} (a sortable instant)
     * while a request waits to be queued, {@code dispatchedAt} once it was.
     */
    public static final String DISPATCH = "dispatch";

    public static final String DISPATCH_PENDING = "PENDING";
    public static final String DISPATCH_SINCE = "dispatchSince";
    public static final String DISPATCHED_AT = "dispatchedAt";

    /** Each time staff opened the sealed details: a list of {by, at}, nothing of what was read. */
    public static final String REVEALS = "reveals";

    public static final String REVEALED_BY = "by";
    public static final String REVEALED_AT = "at";
    public static final String EXPIRES_AT = "expiresAt";

    /**
     * Set by each change staff make: who ({@code staff:<id>}), and a value new with every write, so
     * a later change by a function is not taken for theirs.
     */
    public static final String ACTED_BY = "actedBy";

    public static final String ACTED_WRITE = "actedWrite";

    private PrivacyRequestTable() {}

    public static String pk(String requestId) {
        return PK_PREFIX + requestId;
    }

    /** Complaint details are sealed to their request record. */
    public static RecordBinding binding(String requestsTable, String requestId) {
        return new RecordBinding(requestsTable, pk(requestId), SK_VALUE, SEALED);
    }
}
