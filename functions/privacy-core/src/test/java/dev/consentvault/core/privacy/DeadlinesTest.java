package dev.consentvault.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals(due, Deadlines.gdprResponse(received));
        assertEquals(extended, Deadlines.gdprExtended(received));
        assertEquals(due, deadlines.dueAt(LegalRegime.GDPR, received));
        assertEquals(extended, deadlines.extendedDueAt(LegalRegime.GDPR, received));
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
        assertEquals(confirmBy, Deadlines.ccpaConfirmation(received));
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
                deadlines.extendedDueAt(LegalRegime.CCPA, received));
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

    @Test
    void californiaRunsOnTheCcpaClockAndEverythingElseOnTheGdprOne() {
        assertEquals(LegalRegime.CCPA, LegalRegime.of("US-CA"));
        assertEquals(LegalRegime.GDPR, LegalRegime.of("EU"));
        assertEquals(LegalRegime.GDPR, LegalRegime.of("GB"));
        assertEquals(LegalRegime.GDPR, LegalRegime.of("US-NY"));
    }
}
