package dev.consentvault.core.privacy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Every legal clock in one place (all in UTC).
 *
 * <ul>
 *   <li>GDPR Art. 12(3): respond within one calendar month of receipt — the same day next month, or
 *       that month's last day when it has no such day (31 January → 28/29 February); extendable
 *       once by two further months.
 *   <li>CCPA (Cal. Code Regs. tit. 11 § 7021): confirm receipt within 10 business days; respond
 *       within 45 calendar days; extendable once to 90 days. Business days skip Saturdays and
 *       Sundays (public holidays are not modelled, which only makes the deadline earlier).
 *   <li>Complaints: acknowledged within a configurable period (default 72 hours); answered on the
 *       regime's response clock.
 * </ul>
 */
public final class Deadlines {

    public static final Duration DEFAULT_ACKNOWLEDGEMENT = Duration.ofHours(72);

    private final Duration acknowledgement;

    public Deadlines(Duration acknowledgement) {
        if (acknowledgement.isNegative() || acknowledgement.isZero()) {
            throw new IllegalArgumentException("the acknowledgement period must be positive");
        }
        this.acknowledgement = acknowledgement;
    }

    /** GDPR: one calendar month after receipt, clamped to the month's end. */
    public static Instant gdprResponse(Instant received) {
        return utc(received).plusMonths(1).toInstant();
    }

    /** GDPR: the month plus the two-month extension. */
    public static Instant gdprExtended(Instant received) {
        return utc(received).plusMonths(3).toInstant();
    }

    /** CCPA: confirm within 10 business days. */
    public static Instant ccpaConfirmation(Instant received) {
        OffsetDateTime day = utc(received);
        int business = 0;
        while (business < 10) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY
                    && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                business++;
            }
        }
        return day.toInstant();
    }

    /** CCPA: respond within 45 calendar days. */
    public static Instant ccpaResponse(Instant received) {
        return utc(received).plusDays(45).toInstant();
    }

    /** CCPA: extended to 90 days in total. */
    public static Instant ccpaExtended(Instant received) {
        return utc(received).plusDays(90).toInstant();
    }

    /**
     * When a request must be acknowledged: CCPA's confirmation rule, else this service's period.
     */
    public Instant acknowledgeBy(RequestType type, LegalRegime regime, Instant received) {
        if (type == RequestType.DELETION && regime == LegalRegime.CCPA) {
            return ccpaConfirmation(received);
        }
        return received.plus(acknowledgement);
    }

    public Instant dueAt(LegalRegime regime, Instant received) {
        return response(regime, received);
    }

    /** The regime's response deadline before any extension. */
    public static Instant response(LegalRegime regime, Instant received) {
        return regime == LegalRegime.CCPA ? ccpaResponse(received) : gdprResponse(received);
    }

    public Instant extendedDueAt(LegalRegime regime, Instant received) {
        return regime == LegalRegime.CCPA ? ccpaExtended(received) : gdprExtended(received);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
