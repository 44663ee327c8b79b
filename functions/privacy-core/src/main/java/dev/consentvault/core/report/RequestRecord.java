package dev.consentvault.core.report;

import java.time.Instant;

/**
 * What the report reads of a privacy request: its type, status and instants, nothing of who asked
 * or what they wrote.
 *
 * @param completedAt when it was completed or closed, or null
 */
public record RequestRecord(
        String type, String status, Instant receivedAt, Instant dueAt, Instant completedAt) {}
