package dev.consentvault.core.privacy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Every legal clock's arithmetic, in one place (all in UTC); what each law requires comes from the
 * jurisdiction packs ({@link Jurisdictions}, {@code jurisdictions.json}, which cites the law beside
 * each figure).
 *
 * <ul>
 *   <li>Months: the same day of the month the period ends in, or that month's last day when it has
 *       no such day (GDPR: 31 January → 28/29 February).
 *   <li>Calendar days: every day counts.
 *   <li>Business days: Saturdays and Sundays are skipped (public holidays are not modelled, which
 *       only makes the deadline earlier).
 *   <li>Complaints, and requests whose law has no acknowledgement rule: acknowledged within this
 *       service's period (default 72 hours).
 * </ul>
 */
public final class Deadlines {

    public static final Duration DEFAULT_ACKNOWLEDGEMENT = Duration.ofHours(72);

    private final Duration acknowledgement;
    private final Jurisdictions jurisdictions;

    public Deadlines(Duration acknowledgement) {
        this(acknowledgement, Jurisdictions.standard());
    }

    public Deadlines(Duration acknowledgement, Jurisdictions jurisdictions) {
        if (acknowledgement.isNegative() || acknowledgement.isZero()) {
            throw new IllegalArgumentException("the acknowledgement period must be positive");
        }
        this.acknowledgement = acknowledgement;
        this.jurisdictions = jurisdictions;
    }

    public Jurisdictions jurisdictions() {
        return jurisdictions;
    }

    /**
     * The law a request received now runs on. A code the packs do not support (or no longer, for a
     * receipt captured before the packs) runs on the fallback when one is configured, else on the
     * GDPR, the clock such receipts had when captured: a deletion is never refused for its code.
     */
    public LegalRegime regime(String jurisdiction, Instant received) {
        return jurisdictions
                .rule(jurisdiction, received)
                .map(r -> r.regime().id())
                .orElse(LegalRegime.GDPR);
    }

    /** When a request must be acknowledged: the law's rule for its type, else this service's. */
    public Instant acknowledgeBy(RequestType type, LegalRegime regime, Instant received) {
        Jurisdictions.Regime law = jurisdictions.regime(regime);
        if (law.acknowledgement() != null && law.acknowledged().contains(type)) {
            return after(law.acknowledgement(), received);
        }
        return received.plus(acknowledgement);
    }

    public Instant dueAt(LegalRegime regime, Instant received) {
        return response(regime, received);
    }

    /** The regime's response deadline (or target) before any extension. */
    public static Instant response(LegalRegime regime, Instant received) {
        return after(Jurisdictions.standard().regime(regime).response(), received);
    }

    /** The response deadline with the law's one extension; empty when the law allows none. */
    public Optional<Instant> extendedDueAt(LegalRegime regime, Instant received) {
        Jurisdictions.Regime law = jurisdictions.regime(regime);
        Jurisdictions.Clock first = law.response();
        Jurisdictions.Clock more = law.extension();
        if (more == null) {
            return Optional.empty();
        }
        // counted from receipt as one period (one month + two = three months from receipt), so a
        // short month inside the period does not shorten it; the packs keep both in one unit
        return Optional.of(
                after(
                        new Jurisdictions.Clock(
                                first.amount() + more.amount(),
                                first.unit(),
                                false,
                                more.citation()),
                        received));
    }

    /** A clock's end, counted from {@code from}. */
    static Instant after(Jurisdictions.Clock clock, Instant from) {
        OffsetDateTime day = from.atOffset(ZoneOffset.UTC);
        return switch (clock.unit()) {
            case MONTHS -> day.plusMonths(clock.amount()).toInstant();
            case CALENDAR_DAYS -> day.plusDays(clock.amount()).toInstant();
            case BUSINESS_DAYS -> {
                int counted = 0;
                while (counted < clock.amount()) {
                    day = day.plusDays(1);
                    if (day.getDayOfWeek() != DayOfWeek.SATURDAY
                            && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                        counted++;
                    }
                }
                yield day.toInstant();
            }
        };
    }
}
