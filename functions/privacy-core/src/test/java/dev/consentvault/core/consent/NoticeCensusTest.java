package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.purpose.PurposeCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeCensusTest {

    private final PurposeCatalogue catalogue =
            PurposeCatalogue.parse(NoticeVersionsTest.CATALOGUE, "test");
    private final CaptureFixture f =
            new CaptureFixture(catalogue, Instant.parse("2026-02-10T09:00:00Z"));

    private JsonNode capture(String purposes, String subject) {
        return f.capture(
                "{\"subject\": "
                        + subject
                        + ", \"purposes\": "
                        + purposes
                        + ", \"noticeVersion\": \"v1\", \"source\": {\"page\": \"p\"},"
                        + " \"jurisdiction\": \"SG\"}");
    }

    @Test
    void liveReceiptsPerVersionAndThoseAMaterialChangeAsksAgain() {
        capture("{\"marketing-email\": true}", "{\"email\": \"a@example.com\"}");
        capture("{\"marketing-sms\": true}", "{\"phone\": \"+34600000001\"}");
        JsonNode withdrawn =
                capture("{\"marketing-email\": true}", "{\"email\": \"b@example.com\"}");
        f.receipts.withdraw(
                withdrawn.get("receiptId").asText(),
                withdrawn.get("receiptToken").asText(),
                new byte[0]);

        List<NoticeCensus.Row> before =
                NoticeCensus.count(catalogue.notices(), f.store.items.values(), f.clock.instant());
        assertEquals(
                List.of("v1", "v2", "v3"), before.stream().map(NoticeCensus.Row::version).toList());
        assertTrue(before.get(0).current());
        assertEquals(3, before.get(0).liveReceipts());
        assertEquals(0, before.get(0).reconsentRequired(), "v2 is not in effect yet");

        f.clock.advance(Duration.ofDays(30));
        List<NoticeCensus.Row> after =
                NoticeCensus.count(catalogue.notices(), f.store.items.values(), f.clock.instant());
        assertEquals(
                1,
                after.get(0).reconsentRequired(),
                "the email grant only: SMS is not affected, a withdrawn grant has nothing to ask");
        assertTrue(after.get(1).current());
        assertFalse(after.get(0).current());
        assertEquals(0, after.get(1).liveReceipts());
    }
}
