package dev.consentvault.core.figures;

import java.time.LocalDate;

/** One count to add: a decision of a purpose, on a campaign's page, on a day (UTC). */
public record Increment(
        String campaign, String page, String purposeId, LocalDate day, Measure measure) {}
