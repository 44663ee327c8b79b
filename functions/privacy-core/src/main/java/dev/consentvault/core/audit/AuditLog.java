package dev.consentvault.core.audit;

import java.util.List;

/** Port: where audit entries are kept (a DynamoDB table with its own TTL). */
public interface AuditLog {

    /**
     * Stores the entries (idempotently: the same event id twice is one entry); returns those not
     * stored.
     */
    List<AuditEntry> record(List<AuditEntry> entries);
}
