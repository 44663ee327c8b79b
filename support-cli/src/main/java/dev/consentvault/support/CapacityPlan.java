package dev.consentvault.support;

/**
 * What a burst of N sign-ups per second needs, from the write units a capture costs as measured by
 * {@code infrastructure/benchmark cost} (ReturnConsumedCapacity INDEXES). The figures are the
 * costliest sign-up the default catalogue allows (email and phone, four purposes of which
 * marketing-email and marketing-sms wait for their double opt-in, an Idempotency-Key as the landing
 * kit sends: each confirmation channel adds its confirmation item, in both indexes, and its outbox
 * item): planning for it keeps every mix of sign-ups under the limit.
 *
 * <p>DynamoDB: an on-demand table and each index take 4,000 write units per second at once until
 * they adapt; WarmThroughput pre-warms them (never below those 4,000, nor 12,000 reads). A
 * throttled index throttles the table's writes, so each index is sized for its own share. Lambda:
 * concurrency = arrivals × time each holds an instance (Little's law) at the p99 of a capture, not
 * its median.
 *
 * @param perSecond expected sign-ups per second at the peak
 */
record CapacityPlan(long perSecond) {

    /** Write units per capture (costliest sign-up), measured; see docs/capacity.md. */
    static final double TABLE_UNITS = 22;

    static final double EMAIL_INDEX_UNITS = 8;
    static final double PHONE_INDEX_UNITS = 8;
    static final double KEYS_TABLE_UNITS = 2;

    /** A peak is never exactly the forecast, and retries of throttled writes add load. */
    static final double HEADROOM = 1.25;

    /** Seconds a capture holds a Lambda instance at p99 on AWS (1,024 MB, warm; see docs). */
    static final double CAPTURE_P99_SECONDS = 0.15;

    static final long MIN_WARM_WRITES = 4_000;
    static final long MIN_WARM_READS = 12_000;

    /** The default account concurrency limit in a region (raise it through Service Quotas). */
    static final long ACCOUNT_CONCURRENCY = 1_000;

    CapacityPlan {
        if (perSecond < 1) {
            throw new IllegalArgumentException("the expected rate must be at least 1/s");
        }
    }

    long tableWrites() {
        return warm(TABLE_UNITS);
    }

    long emailIndexWrites() {
        return warm(EMAIL_INDEX_UNITS);
    }

    long phoneIndexWrites() {
        return warm(PHONE_INDEX_UNITS);
    }

    /** Indexes share one parameter (ConsentTableWarmWrites): the table's, the larger. */
    long keysTableWrites() {
        return warm(KEYS_TABLE_UNITS);
    }

    long lambdaConcurrency() {
        return (long) Math.ceil(perSecond * CAPTURE_P99_SECONDS * HEADROOM);
    }

    long rateLimit() {
        return perSecond;
    }

    /** API Gateway's bucket: two seconds of the peak, so its first second is not refused. */
    long burstLimit() {
        return perSecond * 2;
    }

    boolean needsAccountConcurrency() {
        return lambdaConcurrency() > ACCOUNT_CONCURRENCY - 100;
    }

    private long warm(double unitsPerCapture) {
        return Math.max(MIN_WARM_WRITES, (long) Math.ceil(perSecond * unitsPerCapture * HEADROOM));
    }
}
