package dev.consentvault.core.audit;

import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConsentTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Proof that retention ran. For each record removed from the consent table it keeps an audit entry
 * (TTL expiry or application delete, record type, purpose, when) and counts it per purpose as a
 * metric. Nothing personal is read or kept: the stream carries keys only.
 */
public final class RetentionAuditor {

    public static final String METRIC = "RecordsDeleted";

    private final AuditLog log;
    private final EmfMetrics metrics;
    private final String table;
    private final RetentionPolicy auditRetention;
    private final Clock clock;

    public RetentionAuditor(
            AuditLog log,
            EmfMetrics metrics,
            String table,
            RetentionPolicy auditRetention,
            Clock clock) {
        this.log = log;
        this.metrics = metrics;
        this.table = table;
        this.auditRetention = auditRetention;
        this.clock = clock;
    }

    /**
     * Audits a batch; returns the sequence numbers of the records that could not be recorded (to
     * retry).
     */
    public Set<String> audit(List<RemovedRecord> records) {
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        for (RemovedRecord record : records) {
            Instant deletedAt = record.approximateTime() != null ? record.approximateTime() : now;
            String[] type = recordType(record.pk(), record.sk());
            entries.add(
                    new AuditEntry(
                            record.eventId(),
                            record.sequenceNumber(),
                            DeletionKind.of(record.principalType(), record.principalId()),
                            type[0],
                            type[1],
                            hash(record.pk(), record.sk()),
                            deletedAt,
                            auditRetention.expiryFor(deletedAt)));
        }
        List<AuditEntry> failed = log.record(entries);
        Map<List<String>, Long> counts =
                new TreeMap<>((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
        for (AuditEntry entry : entries) {
            if (!failed.contains(entry)) {
                counts.merge(
                        List.of(
                                entry.purposeId() == null ? "none" : entry.purposeId(),
                                entry.kind().label(),
                                entry.recordType()),
                        1L,
                        Long::sum);
            }
        }
        counts.forEach(
                (key, n) -> {
                    Map<String, String> dimensions = new LinkedHashMap<>();
                    dimensions.put("Purpose", key.get(0));
                    dimensions.put("DeletionKind", key.get(1));
                    dimensions.put("RecordType", key.get(2));
                    metrics.count(METRIC, dimensions, n);
                });
        return failed.stream()
                .map(AuditEntry::sequenceNumber)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** {type, purposeId}: decisions hold the purpose in their sort key. */
    static String[] recordType(String pk, String sk) {
        if (pk == null || sk == null) {
            return new String[] {"unknown", null};
        }
        if (sk.startsWith(ConsentTable.PURPOSE_SK_PREFIX)) {
            return new String[] {
                "consent-decision", sk.substring(ConsentTable.PURPOSE_SK_PREFIX.length())
            };
        }
        if (sk.equals(ConsentTable.RECEIPT_SK)) {
            return new String[] {"receipt", null};
        }
        if (pk.startsWith(ConsentTable.IDEMPOTENCY_PK_PREFIX)) {
            return new String[] {"idempotency-marker", null};
        }
        if (pk.startsWith(ConsentTable.OUTBOX_PK_PREFIX)) {
            return new String[] {"outbox-message", null};
        }
        if (pk.startsWith(ConsentTable.CONFIRMATION_PK_PREFIX)) {
            return new String[] {"pending-confirmation", null};
        }
        return new String[] {"other", null};
    }

    private String hash(String pk, String sk) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(
                            digest.digest(
                                    (table + "\u0000" + pk + "\u0000" + sk)
                                            .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
