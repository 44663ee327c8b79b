package dev.consentvault.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.propagation.PropagationItem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineWatchTest {

    private static final Instant NOW = Instant.parse("2027-03-10T08:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static int ids;

    /** A complaint received long ago: acknowledgement and due date as given. */
    private static PrivacyRequest request(
            RequestStatus status, Instant acknowledgeBy, Instant dueAt, Instant acknowledgedAt) {
        return PrivacyRequest.builder("req-" + ids++, RequestType.COMPLAINT)
                .status(status)
                .filing(new Filing("EU", "complainant", null))
                .clock(LegalRegime.GDPR, NOW.minus(Duration.ofDays(20)), acknowledgeBy, dueAt)
                .acknowledgedAt(acknowledgedAt)
                .build();
    }

    private static PrivacyRequest acknowledged(Instant dueAt) {
        return request(RequestStatus.ACKNOWLEDGED, NOW.minus(DAY), dueAt, NOW.minus(DAY));
    }

    private static DeadlineWatch.Tally tally(PrivacyRequest... requests) {
        return DeadlineWatch.tally(List.of(requests), NOW);
    }

    @Test
    void aDeadlineExactlyThreeDaysAheadIsDueSoonOneSecondLaterIsNot() {
        assertEquals(
                new DeadlineWatch.Tally(1, 0), tally(acknowledged(NOW.plus(Duration.ofDays(3)))));
        assertEquals(
                new DeadlineWatch.Tally(0, 0),
                tally(acknowledged(NOW.plus(Duration.ofDays(3)).plusSeconds(1))));
    }

    @Test
    void pastItsDueDateIsOverdueNotDueSoon() {
        assertEquals(new DeadlineWatch.Tally(0, 1), tally(acknowledged(NOW.minusSeconds(1))));
        assertEquals(
                new DeadlineWatch.Tally(1, 0),
                tally(acknowledged(NOW)),
                "due this very moment: not yet past, as PrivacyRequest.overdue has it");
    }

    @Test
    void anUnacknowledgedRequestIsWatchedByItsAcknowledgementDate() {
        Instant farDue = NOW.plus(Duration.ofDays(25));
        assertEquals(
                new DeadlineWatch.Tally(1, 0),
                tally(request(RequestStatus.OPEN, NOW.plus(DAY), farDue, null)),
                "acknowledgement due tomorrow");
        assertEquals(
                new DeadlineWatch.Tally(0, 1),
                tally(request(RequestStatus.OPEN, NOW.minus(DAY), farDue, null)),
                "acknowledgement missed");
        assertEquals(
                new DeadlineWatch.Tally(0, 0),
                tally(acknowledged(farDue)),
                "acknowledged: only the far due date counts");
        assertEquals(
                new DeadlineWatch.Tally(0, 0),
                tally(request(RequestStatus.ACKNOWLEDGED, NOW.minus(DAY), farDue, null)),
                "the status alone says acknowledged");
    }

    @Test
    void closedAndCompletedRequestsAreIgnoredWhateverTheirDates() {
        Instant past = NOW.minus(Duration.ofDays(5));
        assertEquals(
                new DeadlineWatch.Tally(0, 0),
                tally(
                        request(RequestStatus.CLOSED, past, past, past),
                        request(RequestStatus.COMPLETED, past, NOW.plus(DAY), null)));
    }

    @Test
    void theCheckEmitsBothCountsWithoutDimensionsOrAnythingOfTheRequests() throws Exception {
        FakePrivacyRequestStore store = new FakePrivacyRequestStore();
        PrivacyRequest soon = request(RequestStatus.OPEN, NOW.plus(DAY), NOW.plus(DAY), null);
        PrivacyRequest late = acknowledged(NOW.minus(DAY));
        PrivacyRequest fine = acknowledged(NOW.plus(Duration.ofDays(20)));
        PrivacyRequest closed = request(RequestStatus.CLOSED, NOW, NOW.minus(DAY), NOW);
        for (PrivacyRequest r : List.of(soon, late, fine, closed)) {
            store.requests.put(r.requestId(), r);
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream previous =
                EmfMetrics.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        DeadlineWatch.Tally tally;
        try {
            tally =
                    new DeadlineWatch(
                                    store,
                                    Clock.fixed(NOW, ZoneOffset.UTC),
                                    new EmfMetrics(Clock.fixed(NOW, ZoneOffset.UTC)))
                            .check();
        } finally {
            EmfMetrics.redirect(previous);
        }

        assertEquals(new DeadlineWatch.Tally(1, 1), tally);
        String out = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out);
        ObjectMapper json = new ObjectMapper();
        JsonNode dueSoon = json.readTree(lines.get(0));
        JsonNode overdue = json.readTree(lines.get(1));
        assertEquals(1, dueSoon.get("RequestsDueSoon").asLong());
        assertEquals(1, overdue.get("RequestsOverdue").asLong());
        JsonNode directive = dueSoon.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("ConsentVault", directive.get("Namespace").asText());
        assertTrue(directive.get("Dimensions").get(0).isEmpty(), "no dimension: no request");
        for (PrivacyRequest r : List.of(soon, late, fine, closed)) {
            assertFalse(out.contains(r.requestId()), out);
        }
    }

    private static PropagationItem notice(
            String event, PropagationItem.Status status, Instant dueAt) {
        return new PropagationItem(
                "prop-" + ids++,
                "tiktok-ads",
                event,
                event.equals(PropagationItem.ERASURE) ? "req-" + ids : null,
                List.of("personalised-ads"),
                status,
                NOW.minus(Duration.ofDays(40)),
                dueAt,
                null,
                null,
                new byte[] {1});
    }

    @Test
    void processorNoticesNotAcknowledgedByTheirDueDateAreCountedOverdueWhateverTheirKind() {
        List<PropagationItem> notices =
                List.of(
                        notice(
                                PropagationItem.WITHDRAWAL,
                                PropagationItem.Status.PENDING,
                                NOW.minus(DAY)),
                        notice(
                                PropagationItem.WITHDRAWAL,
                                PropagationItem.Status.SENT,
                                NOW.minusSeconds(1)),
                        notice(
                                PropagationItem.ERASURE,
                                PropagationItem.Status.SENT,
                                NOW.minus(DAY)),
                        notice(PropagationItem.ERASURE, PropagationItem.Status.SENT, NOW.plus(DAY)),
                        notice(PropagationItem.WITHDRAWAL, PropagationItem.Status.PENDING, NOW),
                        notice(
                                PropagationItem.WITHDRAWAL,
                                PropagationItem.Status.SENT,
                                NOW.plus(Duration.ofDays(4))),
                        notice(
                                PropagationItem.WITHDRAWAL,
                                PropagationItem.Status.ACKED,
                                NOW.minus(DAY)));
        assertEquals(new DeadlineWatch.Tally(2, 3), DeadlineWatch.noticeTally(notices, NOW));
    }

    @Test
    void aWatchOverProcessorNoticesEmitsTheirCountsBesideTheRequestsWithNothingOfTheNotices()
            throws Exception {
        PropagationItem late =
                notice(PropagationItem.WITHDRAWAL, PropagationItem.Status.PENDING, NOW.minus(DAY));
        PropagationItem soon =
                notice(PropagationItem.ERASURE, PropagationItem.Status.SENT, NOW.plus(DAY));
        List<Instant> askedFor = new java.util.ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream previous =
                EmfMetrics.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new DeadlineWatch(
                            new FakePrivacyRequestStore(),
                            dueBy -> {
                                askedFor.add(dueBy);
                                return List.of(late, soon);
                            },
                            Clock.fixed(NOW, ZoneOffset.UTC),
                            new EmfMetrics(Clock.fixed(NOW, ZoneOffset.UTC)))
                    .check();
        } finally {
            EmfMetrics.redirect(previous);
        }
        assertEquals(List.of(NOW.plus(DeadlineWatch.WARNING)), askedFor, "due within 3 days");
        String out = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out);
        ObjectMapper json = new ObjectMapper();
        assertEquals(1, json.readTree(lines.get(2)).get("ProcessorNoticesDueSoon").asLong());
        assertEquals(1, json.readTree(lines.get(3)).get("ProcessorNoticesOverdue").asLong());
        for (PropagationItem n : List.of(late, soon)) {
            assertFalse(out.contains(n.propagationId()), out);
            assertFalse(out.contains(n.processorId()), "no dimension names the processor");
        }
    }
}
