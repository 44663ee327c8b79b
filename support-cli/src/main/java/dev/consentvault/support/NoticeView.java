package dev.consentvault.support;

import dev.consentvault.core.propagation.PropagationItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * How a processor notice still owed is shown to staff: which processor, what kind (erasure or
 * withdrawal), where it stands, when it was due and how late it is. Never what it carries (the
 * sealed hashed identifiers) nor which receipt it came from: the notice is found by its id, which
 * is also what the processor acknowledges with.
 */
final class NoticeView {

    static final List<String> TABLE_HEADERS =
            List.of("NOTICE", "PROCESSOR", "KIND", "STATUS", "REQUEST", "DUE", "OVERDUE");

    private NoticeView() {}

    static Output.Fields fields(PropagationItem n, Instant now) {
        return new Output.Fields()
                .add("record", "Record", "processor-notice")
                .add("propagationId", "Notice", n.propagationId())
                .add("processor", "Processor", n.processorId())
                .add("kind", "Kind", n.event())
                .add("status", "Status", n.status().name())
                .add("requestId", "Request", n.requestId())
                .add("dueAt", "Due", n.dueAt())
                .add("overdue", "Overdue", n.overdue(now))
                .add("overdueBy", "Overdue by", overdueBy(n, now));
    }

    static List<String> row(PropagationItem n, Instant now) {
        String late = overdueBy(n, now);
        return Arrays.asList(
                n.propagationId(),
                n.processorId(),
                n.event(),
                n.status().name(),
                n.requestId() == null ? "-" : n.requestId(),
                RequestView.minutes(n.dueAt()),
                late == null ? "no" : late);
    }

    /** "3 days" or "5 hours" past its due date; null when it is not overdue. */
    static String overdueBy(PropagationItem n, Instant now) {
        if (!n.overdue(now)) {
            return null;
        }
        Duration late = Duration.between(n.dueAt(), now);
        long days = late.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = late.toHours();
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
