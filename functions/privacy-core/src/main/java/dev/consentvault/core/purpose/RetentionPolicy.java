package dev.consentvault.core.purpose;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * How long a purpose may keep what it collected, as an ISO-8601 period ("P24M", "P90D"). Calendar
 * arithmetic in UTC, so "24 months" ends on the same day two years on.
 */
public record RetentionPolicy(Period period) {

    public RetentionPolicy {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("retention must be a positive period");
        }
    }

    public static RetentionPolicy parse(String iso) {
        return new RetentionPolicy(Period.parse(iso));
    }

    public Instant expiryFor(Instant collectedAt) {
        return collectedAt.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    public String iso() {
        return period.toString();
    }
}
