package dev.consentvault.core.report;

import dev.consentvault.core.consent.NoticeCensus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the state of the plumbing the monthly report shows, read when it is built. Counts and flags
 * only: queue depths, not messages; receipts per notice version, not receipts.
 */
public interface OperationsStatus {

    /**
     * Messages waiting in each dead-letter and on-failure queue, by the queue's name without the
     * stack's prefix (e.g. {@code complaints-dlq}); -1 for a queue that could not be read.
     */
    Map<String, Long> deadLetterDepths();

    /** Whether the project key rotates automatically; empty when that could not be read. */
    Optional<Boolean> keyRotationEnabled();

    /**
     * Each notice version (the registry's, and any a live receipt names) with its live receipts.
     */
    List<NoticeCensus.Row> noticeVersions(Instant now);
}
