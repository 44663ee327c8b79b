package dev.consentvault.core.audit;

import java.time.Instant;

/**
 * Proof that a record was removed, without personal data: the kind of record, its purpose, who
 * deleted it and when, and {@code recordHash} = SHA-256 of table, pk and sk, so someone who holds a
 * receipt id can check that its records were deleted without the audit storing the id.
 *
 * <p>In the audit table: pk {@code AUDIT#{yyyy-MM}} of {@code deletedAt}, sk {@code
 * {deletedAt}#{eventId}}, the attributes named below, and {@code expiresAt} (TTL) = {@code
 * keepUntil}.
 */
public record AuditEntry(
        String eventId,
        String sequenceNumber,
        DeletionKind kind,
        String recordType,
        String purposeId,
        String recordHash,
        Instant deletedAt,
        Instant keepUntil) {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String PK_PREFIX = "AUDIT#";
    public static final String EVENT_ID = "eventId";
    public static final String DELETION_KIND = "deletionKind";
    public static final String RECORD_TYPE = "recordType";
    public static final String PURPOSE_ID = "purposeId";
    public static final String RECORD_HASH = "recordHash";
    public static final String DELETED_AT = "deletedAt";
    public static final String EXPIRES_AT = "expiresAt";

    /** One partition per month of deletions. */
    public String pk() {
        return PK_PREFIX + deletedAt.toString().substring(0, 7);
    }

    public String sk() {
        return deletedAt + "#" + eventId;
    }
}
