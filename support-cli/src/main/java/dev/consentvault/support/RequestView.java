package dev.consentvault.support;

import dev.consentvault.core.privacy.Filed;
import dev.consentvault.core.privacy.PrivacyRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * How a privacy request is shown to staff. Never its subject keys or receipt id: a request is
 * looked up by its own id, and what it concerns stays in the tables.
 */
final class RequestView {

    static final List<String> TABLE_HEADERS =
            List.of(
                    "REQUEST",
                    "TYPE",
                    "STATUS",
                    "JURISDICTION",
                    "RECEIVED",
                    "ACKNOWLEDGE BY",
                    "DUE",
                    "OVERDUE",
                    "TICKET");
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private RequestView() {}

    static Output.Fields filed(Filed filed) {
        return new Output.Fields()
                .add("requestId", "Request", filed.requestId())
                .add("type", "Type", filed.type().jsonName())
                .add("status", "Status", filed.status().name())
                .add("acknowledgeBy", "Acknowledge by", filed.acknowledgeBy())
                .add("dueAt", "Due", filed.dueAt());
    }

    static Output.Fields fields(PrivacyRequest r, Instant now) {
        return new Output.Fields()
                .add("requestId", "Request", r.requestId())
                .add("type", "Type", r.type().jsonName())
                .add("status", "Status", r.status().name())
                .add("jurisdiction", "Jurisdiction", r.jurisdiction())
                .add("regime", "Regime", r.regime().name())
                .add("receivedAt", "Received", r.receivedAt())
                .add("acknowledgeBy", "Acknowledge by", r.acknowledgeBy())
                .add("acknowledgedAt", "Acknowledged", r.acknowledgedAt())
                .add("dueAt", "Due", r.dueAt())
                .add("extended", "Extended", r.extended())
                .add("extensionReason", "Extension reason", r.extensionReason())
                .add("completedAt", "Completed", r.completedAt())
                .add("itemsErased", "Items erased", r.itemsErased())
                .add("category", "Category", r.category())
                .add("relatedRequestId", "Related request", r.relatedRequestId())
                .add("requestedBy", "Requested by", r.requestedBy())
                .add("ticket", "Ticket", r.ticket())
                .add("overdue", "Overdue", r.overdue(now))
                .add("overdueReason", "Overdue because", overdueReason(r, now));
    }

    static List<String> row(PrivacyRequest r, Instant now) {
        String overdue = overdueReason(r, now);
        return Arrays.asList(
                r.requestId(),
                r.type().jsonName(),
                r.status().name(),
                r.jurisdiction(),
                minutes(r.receivedAt()),
                minutes(r.acknowledgeBy()),
                minutes(r.dueAt()),
                overdue == null ? "no" : overdue,
                r.ticket());
    }

    /** Which clock ran out: the response's, or the acknowledgement's; null when none has. */
    static String overdueReason(PrivacyRequest r, Instant now) {
        if (!r.overdue(now)) {
            return null;
        }
        return now.isAfter(r.dueAt()) ? "past due" : "not acknowledged";
    }

    /** An instant in a table cell: UTC, to the minute. */
    static String minutes(Instant instant) {
        return instant == null ? null : MINUTES.format(instant);
    }
}
