package dev.consentvault.core.audit;

import java.time.Instant;

/**
 * Proof that a record was removed, without personal data: the kind of record, its purpose, who
 * deleted it and when, and {@code recordHash} = SHA-256 of table, pk and sk, so someone who holds a
 * receipt id can check that its records were deleted without the audit storing the id.
 */
public record AuditEntry(
        String eventId,
        String sequenceNumber,
        DeletionKind kind,
        String recordType,
        String purposeId,
        String recordHash,
        Instant deletedAt,
        Instant keepUntil) {}
