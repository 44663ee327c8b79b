package dev.consentvault.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Measure;
import dev.consentvault.core.ledger.ChainCheck;
import dev.consentvault.core.ledger.InMemoryLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonthlyReportTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 11);

    private static MonthlyReport report() {
        String odd = "<script>alert(1)</script>";
        List<Figures.Count> counts =
                List.of(
                        new Figures.Count(
                                "cny-2027",
                                "p",
                                "marketing-email",
                                LocalDate.of(2026, 11, 3),
                                Measure.GRANTED,
                                40),
                        new Figures.Count(
                                "cny-2027",
                                "p",
                                "marketing-email",
                                LocalDate.of(2026, 11, 4),
                                Measure.WITHDRAWN,
                                4),
                        new Figures.Count(
                                odd,
                                "p",
                                "analytics",
                                LocalDate.of(2026, 11, 4),
                                Measure.GRANTED,
                                3));
        List<RequestRecord> requests =
                List.of(
                        new RequestRecord(
                                "deletion",
                                "COMPLETED",
                                Instant.parse("2026-11-02T00:00:00Z"),
                                Instant.parse("2026-12-02T00:00:00Z"),
                                Instant.parse("2026-11-04T00:00:00Z")),
                        new RequestRecord(
                                "deletion",
                                "COMPLETED",
                                Instant.parse("2026-10-01T00:00:00Z"),
                                Instant.parse("2026-11-01T00:00:00Z"),
                                Instant.parse("2026-11-03T00:00:00Z")),
                        new RequestRecord(
                                "complaint",
                                "OPEN",
                                Instant.parse("2026-11-20T00:00:00Z"),
                                Instant.parse("2026-11-23T00:00:00Z"),
                                null));
        return MonthlyReport.build(
                MONTH,
                Instant.parse("2026-12-01T06:00:00Z"),
                counts,
                requests,
                ChainCheck.verify(new InMemoryLedger(), null),
                10);
    }

    @Test
    void theJsonCarriesTheMonthsFiguresWithSmallCellsHidden() {
        JsonNode json = report().json();
        assertEquals("2026-11", json.get("month").asText());
        JsonNode rows = json.get("consentByCampaignAndPurpose");
        JsonNode cny = null;
        for (JsonNode row : rows) {
            if (row.get("campaignPurpose").asText().equals("cny-2027 · marketing-email")) {
                cny = row;
            }
        }
        assertEquals("<10", cny.get("withdrawn").asText());
        assertEquals("x", cny.get("granted").asText(), "40 + 3 = 43 would give the 3 away");
        assertEquals("43", rows.get(rows.size() - 1).get("granted").asText());
        assertEquals(1, json.at("/requests/receivedByTypeAndStatus/deletion · COMPLETED").asLong());
        JsonNode deletions = json.at("/requests/completedAgainstDeadline/0");
        assertEquals(1, deletions.get("onTime").asLong());
        assertEquals(1, deletions.get("late").asLong());
        assertEquals(1, json.at("/requests/overdueNow").asLong());
        assertTrue(json.at("/ledger/intact").asBoolean());
        assertEquals(
                List.of(
                        "schema",
                        "month",
                        "generatedAt",
                        "k",
                        "consentByCampaignAndPurpose",
                        "requests",
                        "ledger"),
                iterable(json.fieldNames()),
                "one table of consent figures: a second cut of the same counts would undo the suppression");
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void theHtmlIsOneSelfContainedAccessiblePageWithSvgCharts() {
        String html = report().html();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<html lang=\"en\">"));
        assertTrue(html.contains("<svg role=\"img\" aria-labelledby="));
        assertTrue(html.contains("<th scope=\"col\">"), "the figures are tables too");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="));
        assertFalse(html.contains("<script>"), "labels are escaped");
        assertTrue(html.contains("&lt;script&gt;"));
        assertEquals("reports/2026-11/report.html", report().key("html"));
    }
}
