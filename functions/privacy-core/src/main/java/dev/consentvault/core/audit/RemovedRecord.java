package dev.consentvault.core.audit;

import java.time.Instant;

/**
 * A REMOVE record from the consent table's stream, reduced to what the audit may keep: the keys (no
 * personal data in them), who deleted, when, and the stream's event id and sequence number.
 */
public record RemovedRecord(
        String eventId,
        String sequenceNumber,
        String pk,
        String sk,
        String principalType,
        String principalId,
        Instant approximateTime) {}
