package dev.consentvault.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlinesTest {

    private final Deadlines deadlines = new Deadlines(Deadlines.DEFAULT_ACKNOWLEDGEMENT);

    @ParameterizedTest(name = "GDPR: received {0} -> due {1}, extended {2}")
    @CsvSource({
        "2026-01-15T10:00:00Z, 2026-02-15T10:00:00Z, 2026-04-15T10:00:00Z",
        "2027-01-31T09:30:00Z, 2027-02-28T09:30:00Z, 2027-04-30T09:30:00Z", // no 31 February: month
        // end
        "2028-01-31T09:30:00Z, 2028-02-29T09:30:00Z, 2028-04-30T09:30:00Z", // leap year
        "2028-02-29T12:00:00Z, 2028-03-29T12:00:00Z, 2028-05-29T12:00:00Z", // from a leap day
        "2026-03-31T23:59:59Z, 2026-04-30T23:59:59Z, 2026-06-30T23:59:59Z",
        "2026-12-31T00:00:00Z, 2027-01-31T00:00:00Z, 2027-03-31T00:00:00Z", // across the year
        "2026-11-30T08:00:00Z, 2026-12-30T08:00:00Z, 2027-02-28T08:00:00Z" // extension clamps too
    })
    void gdprIsOneCalendarMonthExtendableByTwo(Instant received, Instant due, Instant extended) {
        for (LegalRegime gdpr : new LegalRegime[] {LegalRegime.GDPR, LegalRegime.UK_GDPR}) {
            assertEquals(due, deadlines.dueAt(gdpr, received));
            assertEquals(extended, deadlines.extendedDueAt(gdpr, received).orElseThrow());
        }
    }

    @ParameterizedTest(name = "CCPA: received {0} ({1}) -> confirm by {2}")
    @CsvSource({
        "2026-11-30T10:00:00Z, Monday,   2026-12-14T10:00:00Z",
        "2026-12-04T10:00:00Z, Friday,   2026-12-18T10:00:00Z",
        "2026-12-05T10:00:00Z, Saturday, 2026-12-18T10:00:00Z", // weekend receipt: count from
        // Monday
        "2026-12-06T10:00:00Z, Sunday,   2026-12-18T10:00:00Z",
        "2026-12-24T10:00:00Z, Thursday, 2027-01-07T10:00:00Z" // public holidays are not skipped
    })
    void ccpaConfirmationIsTenBusinessDays(Instant received, String weekday, Instant confirmBy) {
        assertEquals(
                weekday.toUpperCase(),
                received.atOffset(java.time.ZoneOffset.UTC).getDayOfWeek().name());
        assertEquals(
                confirmBy,
                deadlines.acknowledgeBy(RequestType.DELETION, LegalRegime.CCPA, received));
    }

    @Test
    void ccpaRespondsIn45DaysExtendableTo90() {
        Instant received = Instant.parse("2026-12-20T10:00:00Z");
        assertEquals(
                Instant.parse("2027-02-03T10:00:00Z"), deadlines.dueAt(LegalRegime.CCPA, received));
        assertEquals(
                Instant.parse("2027-03-20T10:00:00Z"),
                deadlines.extendedDueAt(LegalRegime.CCPA, received).orElseThrow());
    }

    @Test
    void complaintsAreAcknowledgedWithinTheConfiguredPeriod() {
        Instant received = Instant.parse("2026-11-29T10:00:00Z");
        assertEquals(
                Instant.parse("2026-12-02T10:00:00Z"),
                deadlines.acknowledgeBy(RequestType.COMPLAINT, LegalRegime.GDPR, received));
        assertEquals(
                Instant.parse("2026-12-02T10:00:00Z"),
                deadlines.acknowledgeBy(RequestType.COMPLAINT, LegalRegime.CCPA, received),
                "complaints use the service's own period under either law");
        assertEquals(
                Instant.parse("2026-11-30T10:00:00Z"),
                new Deadlines(Duration.ofHours(24))
                        .acknowledgeBy(RequestType.COMPLAINT, LegalRegime.GDPR, received));
        assertThrows(IllegalArgumentException.class, () -> new Deadlines(Duration.ZERO));
    }

    @ParameterizedTest(name = "LGPD: received {0} -> full reply by {1}")
    @CsvSource({
        "2026-12-01T10:00:00Z, 2026-12-16T10:00:00Z",
        "2027-02-20T10:00:00Z, 2027-03-07T10:00:00Z", // across February's end
        "2026-12-24T23:00:00Z, 2027-01-08T23:00:00Z" // calendar days: weekends and holidays count
    })
    void lgpdAnswersInFifteenDaysWithoutExtension(Instant received, Instant due) {
        assertEquals(due, deadlines.dueAt(LegalRegime.LGPD, received));
        assertTrue(deadlines.extendedDueAt(LegalRegime.LGPD, received).isEmpty());
        assertEquals(
                received.plus(Deadlines.DEFAULT_ACKNOWLEDGEMENT),
                deadlines.acknowledgeBy(RequestType.DELETION, LegalRegime.LGPD, received));
    }

    @ParameterizedTest(name = "PDPA: received {0} -> due {1}")
    @CsvSource({
        "2027-01-31T10:00:00Z, 2027-03-02T10:00:00Z", // 30 days, not one month
        "2028-02-01T10:00:00Z, 2028-03-02T10:00:00Z" // leap year
    })
    void pdpaAnswersInThirtyDays(Instant received, Instant due) {
        assertEquals(due, deadlines.dueAt(LegalRegime.PDPA, received));
        assertTrue(deadlines.extendedDueAt(LegalRegime.PDPA, received).isEmpty());
    }

    @Test
    void chileChangesLawOnTheFirstOfDecember2026() {
        Instant before = Instant.parse("2026-11-30T23:59:59Z");
        Instant on = Instant.parse("2026-12-01T00:00:00Z");
        assertEquals(LegalRegime.CL_19628, deadlines.regime("CL", before));
        assertEquals(LegalRegime.CL_21719, deadlines.regime("CL", on));
        // Ley 19.628 Art. 16: two business days; received Monday 23:59 -> Wednesday
        assertEquals(
                Instant.parse("2026-12-02T23:59:59Z"),
                deadlines.dueAt(LegalRegime.CL_19628, before));
        assertTrue(deadlines.extendedDueAt(LegalRegime.CL_19628, before).isEmpty());
        // Ley 21.719: 30 calendar days, once extendable by 30
        assertEquals(
                Instant.parse("2026-12-31T00:00:00Z"), deadlines.dueAt(LegalRegime.CL_21719, on));
        assertEquals(
                Instant.parse("2027-01-30T00:00:00Z"),
                deadlines.extendedDueAt(LegalRegime.CL_21719, on).orElseThrow());
    }

    @Test
    void chileBusinessDaysSkipTheWeekend() {
        Instant friday = Instant.parse("2026-11-27T15:00:00Z");
        assertEquals(
                Instant.parse("2026-12-01T15:00:00Z"),
                deadlines.dueAt(LegalRegime.CL_19628, friday));
    }

    @Test
    void piplRunsOnAConfiguredTargetTheLawCallsTimely() {
        Instant received = Instant.parse("2026-12-01T10:00:00Z");
        Jurisdictions.Clock clock = Jurisdictions.standard().regime(LegalRegime.PIPL).response();
        assertTrue(
                clock.target(), "PIPL Art. 50 names no period: the pack must say it is a target");
        assertTrue(clock.citation().contains("Art. 50"));
        assertEquals(
                received.plus(Duration.ofDays(clock.amount())),
                deadlines.dueAt(LegalRegime.PIPL, received));
        assertEquals(LegalRegime.PIPL, deadlines.regime("CN", received));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "EU, GDPR",
        "ES, GDPR",
        "DE, GDPR",
        "NO, GDPR",
        "GB, UK_GDPR",
        "US-CA, CCPA",
        "BR, LGPD",
        "CN, PIPL",
        "SG, PDPA"
    })
    void eachCodeRunsOnItsLaw(String code, LegalRegime regime) {
        assertEquals(regime, deadlines.regime(code, Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void aStoredCodeThePacksDoNotKnowKeepsTheClockItWasCapturedWith() {
        // receipts captured before the packs may carry any well-formed code: a deletion for them
        // is never refused, it runs on the GDPR clock they had
        assertEquals(
                LegalRegime.GDPR, deadlines.regime("US-NY", Instant.parse("2027-01-01T00:00:00Z")));
        Deadlines withFallback =
                new Deadlines(
                        Deadlines.DEFAULT_ACKNOWLEDGEMENT,
                        Jurisdictions.standard().withFallback("SG"));
        assertEquals(
                LegalRegime.PDPA,
                withFallback.regime("US-NY", Instant.parse("2027-01-01T00:00:00Z")));
    }
}
