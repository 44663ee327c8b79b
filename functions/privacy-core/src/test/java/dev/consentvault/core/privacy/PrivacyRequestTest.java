package dev.consentvault.core.privacy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrivacyRequestTest {

    private static final Instant RECEIVED = Instant.parse("2027-01-31T09:30:00Z");
    private static final Deadlines DEADLINES = new Deadlines(Deadlines.DEFAULT_ACKNOWLEDGEMENT);

    private static PrivacyRequest request(
            LegalRegime regime, RequestStatus status, Instant dueAt, String extensionReason) {
        return PrivacyRequest.builder("0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a", RequestType.COMPLAINT)
                .status(status)
                .filing(
                        new Filing(
                                regime == LegalRegime.CCPA ? "US-CA" : "EU", "complainant", null))
                .clock(regime, RECEIVED, RECEIVED.plusSeconds(3600), dueAt)
                .extensionReason(extensionReason)
                .build();
    }

    @Test
    void anOpenRequestIsExtendedWhenItHasAReason() {
        assertFalse(
                request(
                                LegalRegime.GDPR,
                                RequestStatus.OPEN,
                                Deadlines.response(LegalRegime.GDPR, RECEIVED),
                                null)
                        .extended());
        assertTrue(
                request(
                                LegalRegime.GDPR,
                                RequestStatus.OPEN,
                                DEADLINES.extendedDueAt(LegalRegime.GDPR, RECEIVED).orElseThrow(),
                                "many receipts")
                        .extended());
    }

    /** Closing removes the reason (free text); the moved due date still shows the extension. */
    @Test
    void aClosedRequestWithoutItsReasonStillShowsItWasExtended() {
        assertTrue(
                request(
                                LegalRegime.GDPR,
                                RequestStatus.CLOSED,
                                DEADLINES.extendedDueAt(LegalRegime.GDPR, RECEIVED).orElseThrow(),
                                null)
                        .extended());
        assertTrue(
                request(
                                LegalRegime.CCPA,
                                RequestStatus.CLOSED,
                                DEADLINES.extendedDueAt(LegalRegime.CCPA, RECEIVED).orElseThrow(),
                                null)
                        .extended());
        assertFalse(
                request(
                                LegalRegime.CCPA,
                                RequestStatus.CLOSED,
                                Deadlines.response(LegalRegime.CCPA, RECEIVED),
                                null)
                        .extended());
    }
}
