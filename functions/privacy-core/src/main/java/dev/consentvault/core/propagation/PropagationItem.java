package dev.consentvault.core.propagation;

import dev.consentvault.core.crypto.RecordBinding;
import java.time.Instant;
import java.util.List;

/**
 * One notice owed to one processor (the propagation outbox), in the privacy-requests table: pk
 * {@code PROPAGATION#{propagationId}}, sk {@code PROCESSOR#{processorId}}. For an erasure the
 * propagation id is the request's id. What the processor is to match on (hashed identifiers) is
 * sealed in {@code sealed}, bound to this item; nothing else about the person is kept. While it
 * waits to be queued it carries the requests table's outbox mark ({@code dispatch = PENDING}), so
 * the table's stream and sweeper queue it as they queue requests. Until it is acknowledged it also
 * carries {@code status = }{@value #AWAITING_ACK} and {@code dueAt}, the keys of the table's {@code
 * byStatus} index, under a value no request has: the deadline watch and {@code list-overdue} read
 * the notices still owed, by due date, from the index the requests' deadlines are read from. The
 * acknowledgement removes {@code sealed} (nothing is owed any more, so the identifiers have no use
 * left: GDPR Art. 5(1)(e)) and sets {@code expiresAt}, so the proof that stays (processor, kind,
 * purposes, times, acknowledgement) is kept as long as the proof of the act it told of: an
 * erasure's as long as its deletion request's ({@code PRIVACY_PROOF_RETENTION}), a withdrawal's as
 * long as the withdrawn decision's ({@code WITHDRAWAL_PROOF_RETENTION}). A notice never
 * acknowledged keeps its identifiers and no expiry: it is still owed.
 *
 * @param event {@code erasure} or {@code withdrawal}
 * @param requestId the deletion request it belongs to, or null for a withdrawal
 * @param purposes the purposes whose data went to the processor
 * @param dueAt when the processor's acknowledgement is due
 * @param sealed the hashed identifiers, sealed; null once acknowledged
 */
public record PropagationItem(
        String propagationId,
        String processorId,
        String event,
        String requestId,
        List<String> purposes,
        Status status,
        Instant createdAt,
        Instant dueAt,
        Instant sentAt,
        Instant ackedAt,
        byte[] sealed) {

    public static final String PK_PREFIX = "PROPAGATION#";
    public static final String SK_PREFIX = "PROCESSOR#";
    public static final String PROPAGATION_ID = "propagationId";
    public static final String PROCESSOR_ID = "processorId";
    public static final String EVENT = "event";
    public static final String REQUEST_ID = "requestId";
    public static final String PURPOSES = "purposes";
    // not "status": that name is the byStatus index's key, set only while a notice is
    // unacknowledged
    public static final String STATUS = "propagationStatus";
    public static final String CREATED_AT = "createdAt";
    public static final String DUE_AT = "ackDueAt";
    public static final String SENT_AT = "sentAt";
    public static final String ACKED_AT = "ackedAt";
    public static final String SEALED = "sealed";

    /** On a deletion request's item: the processors that have not acknowledged yet. */
    public static final String AWAITING_PROCESSORS = "awaitingProcessors";

    /** On a deletion request's item: when its propagation was recorded (once). */
    public static final String PROPAGATED_AT = "propagatedAt";

    /**
     * The byStatus index's partition of the notices not acknowledged yet (a value no {@code
     * RequestStatus} has, so request queries never see a notice).
     */
    public static final String AWAITING_ACK = "PROCESSOR_NOTICE_AWAITING_ACK";

    public static final String ERASURE = "erasure";
    public static final String WITHDRAWAL = "withdrawal";

    public PropagationItem {
        purposes = List.copyOf(purposes);
    }

    /** Where a notice stands. */
    public enum Status {
        /** Recorded, not delivered yet (queued, or being retried). */
        PENDING,
        /** Delivered (2xx); the processor's signed acknowledgement is awaited. */
        SENT,
        /** The processor acknowledged. */
        ACKED
    }

    /** Not acknowledged, and its due date has passed. */
    public boolean overdue(Instant now) {
        return status != Status.ACKED && now.isAfter(dueAt);
    }

    public static String pk(String propagationId) {
        return PK_PREFIX + propagationId;
    }

    public static String sk(String processorId) {
        return SK_PREFIX + processorId;
    }

    public String pk() {
        return pk(propagationId);
    }

    public String sk() {
        return sk(processorId);
    }

    /** The sealed match identifiers are bound to the item they were written to. */
    public static RecordBinding binding(String table, String propagationId, String processorId) {
        return new RecordBinding(table, pk(propagationId), sk(processorId), SEALED);
    }
}
