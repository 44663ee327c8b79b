package dev.consentvault.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.consent.NoticeCensus;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Measure;
import dev.consentvault.core.ledger.ChainCheck;
import dev.consentvault.core.ledger.InMemoryLedger;
import dev.consentvault.core.purpose.Notice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonthlyReportTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 11);

    private static MonthlyReport report() {
        return report(List.of());
    }

    private static Figures.Count count(String campaign, int day, Measure measure, long n) {
        return new Figures.Count(
                campaign, "p", "analytics", LocalDate.of(2026, 11, day), measure, n);
    }

    private static final MonthlyReport.Operations OPERATIONS =
            new MonthlyReport.Operations(
                    Map.of(
                            "complaints-dlq",
                            3L,
                            "capture-buffer-dlq",
                            0L,
                            "message-send-failures",
                            -1L),
                    Optional.of(true),
                    List.of(
                            new NoticeCensus.Row(
                                    "2026-11-01",
                                    Optional.of(
                                            new Notice(
                                                    "2026-11-01",
                                                    LocalDate.of(2026, 11, 1),
                                                    true,
                                                    Set.of(),
                                                    Map.of(
                                                            "en",
                                                            new Notice.Text(
                                                                    "Our notice", null, "ab12")))),
                                    true,
                                    57,
                                    0),
                            new NoticeCensus.Row("2026-06-01", Optional.empty(), false, 4, 4)));

    private static MonthlyReport report(List<Figures.Count> more) {
        String odd = "<script>alert(1)</script>";
        List<Figures.Count> counts = new java.util.ArrayList<>(more);
        counts.addAll(
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
                                3)));
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
                OPERATIONS,
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
                        "consentRateByCampaignAndWeek",
                        "requests",
                        "deadLetterQueues",
                        "projectKey",
                        "noticeVersions",
                        "ledger"),
                iterable(json.fieldNames()),
                "one table of consent counts (a second cut of the same counts would undo the"
                        + " suppression); the weekly rates are rates, coarsened");
    }

    @Test
    void weeklyConsentRatesAreShownOnlyOverManyDecisionsAndRoundedByHowMany() {
        JsonNode json =
                report(
                                List.of(
                                        // days 1-7: 1,000 decisions, 70.4 % yes
                                        count("big", 2, Measure.GRANTED, 600),
                                        count("big", 3, Measure.PENDING, 104),
                                        count("big", 4, Measure.REFUSED, 290),
                                        count("big", 7, Measure.REFUSED_GPC, 6),
                                        // days 8-14: 120 decisions, 66.7 % yes
                                        count("big", 9, Measure.GRANTED, 80),
                                        count("big", 14, Measure.REFUSED, 40),
                                        // days 29-30: 99 decisions, withdrawals not decisions
                                        count("big", 30, Measure.GRANTED, 99),
                                        count("big", 30, Measure.WITHDRAWN, 50)))
                        .json();
        JsonNode big = null;
        for (JsonNode c : json.get("consentRateByCampaignAndWeek")) {
            if (c.get("campaign").asText().equals("big")) {
                big = c.get("weeks");
            }
        }
        assertEquals(5, big.size(), "November: days 1-7 ... 29-30");
        assertEquals("1-7", big.get(0).get("days").asText());
        assertEquals(70, big.get(0).get("yesPercent").asLong());
        assertEquals("rounded to 1%", big.get(0).get("shown").asText());
        assertEquals(70, big.get(1).get("yesPercent").asLong(), "66.7 % to the nearest 10");
        assertEquals("rounded to 10%", big.get(1).get("shown").asText());
        assertTrue(big.get(2).get("yesPercent").isNull());
        assertEquals("no decisions", big.get(2).get("shown").asText());
        assertEquals("29-30", big.get(4).get("days").asText());
        assertTrue(big.get(4).get("yesPercent").isNull(), "99 decisions: too few to show");
        assertEquals("under 100 decisions", big.get(4).get("shown").asText());
    }

    @Test
    void theQueuesTheKeyAndTheNoticeVersionsAreReportedWithSmallCountsHidden() {
        MonthlyReport report = report();
        JsonNode json = report.json();
        assertEquals(3, json.at("/deadLetterQueues/complaints-dlq").asLong());
        assertEquals(0, json.at("/deadLetterQueues/capture-buffer-dlq").asLong());
        assertEquals(-1, json.at("/deadLetterQueues/message-send-failures").asLong());
        assertTrue(json.at("/projectKey/automaticRotation").asBoolean());
        assertEquals("2026-11-01", json.at("/noticeVersions/0/version").asText());
        assertEquals("57", json.at("/noticeVersions/0/liveReceipts").asText());
        assertTrue(json.at("/noticeVersions/0/material").asBoolean());
        assertEquals("<10", json.at("/noticeVersions/1/liveReceipts").asText());
        assertFalse(json.at("/noticeVersions/1/listed").asBoolean());
        String html = report.html();
        assertTrue(html.contains("Messages waiting in each dead-letter and failure queue"));
        assertTrue(html.contains("could not be read"), "an unreadable queue says so");
        assertTrue(html.contains("(KMS): enabled."));
        assertTrue(html.contains("2026-11-01 (current)"));
        assertTrue(html.contains("Consent rates by campaign, week by week"));
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
