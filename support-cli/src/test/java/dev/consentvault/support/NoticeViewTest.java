package dev.consentvault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.consentvault.core.propagation.PropagationItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A processor notice as staff see it in list-overdue: who, what kind, due when, how late. */
class NoticeViewTest {

    private static final Instant NOW = Instant.parse("2027-01-20T12:00:00Z");

    private static PropagationItem notice(String event, String requestId, Instant dueAt) {
        return new PropagationItem(
                "p-1",
                "tiktok-ads",
                event,
                requestId,
                List.of("personalised-ads"),
                PropagationItem.Status.SENT,
                NOW.minus(Duration.ofDays(40)),
                dueAt,
                NOW.minus(Duration.ofDays(39)),
                null,
                "sealed hashed email".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anErasuresNoticeNamesItsRequestAndHowLateItIs() {
        PropagationItem n =
                notice(PropagationItem.ERASURE, "req-9", NOW.minus(Duration.ofHours(5)));
        assertEquals(
                List.of(
                        "p-1",
                        "tiktok-ads",
                        "erasure",
                        "SENT",
                        "req-9",
                        "2027-01-20 07:00Z",
                        "5 hours"),
                NoticeView.row(n, NOW));
    }

    @Test
    void aWithdrawalsNoticeHasNoRequestAndCountsWholeDaysLate() {
        PropagationItem n =
                notice(
                        PropagationItem.WITHDRAWAL,
                        null,
                        NOW.minus(Duration.ofDays(3).plusHours(2)));
        assertEquals("-", NoticeView.row(n, NOW).get(4));
        assertEquals("3 days", NoticeView.overdueBy(n, NOW));
        String json = NoticeView.fields(n, NOW).toJson().toString();
        assertFalse(json.contains("sealed"), "what it carries is never shown: " + json);
    }

    @Test
    void aNoticeNotDueYetIsNotOverdue() {
        PropagationItem n = notice(PropagationItem.WITHDRAWAL, null, NOW.plusSeconds(1));
        assertEquals("no", NoticeView.row(n, NOW).get(6));
        assertEquals(null, NoticeView.overdueBy(n, NOW));
    }
}
