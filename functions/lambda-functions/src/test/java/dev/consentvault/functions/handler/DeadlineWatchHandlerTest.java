package dev.consentvault.functions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.privacy.DeadlineWatch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduled deadline watch over a complaint filed through the API, on in-memory fakes. */
class DeadlineWatchHandlerTest {

    private final InMemoryServices services = new InMemoryServices();
    private final DeadlineWatchHandler handler =
            new DeadlineWatchHandler(
                    new DeadlineWatch(
                            services.requests, services.clock, new EmfMetrics(services.clock)));
    private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();
    private PrintStream previousEmfMetrics;

    @BeforeEach
    void captureMetrics() {
        previousEmfMetrics =
                EmfMetrics.redirect(new PrintStream(metrics, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreMetrics() {
        EmfMetrics.redirect(previousEmfMetrics);
    }

    @Test
    void aComplaintIsDueSoonUntilItsAcknowledgementIsMissedThenOverdue() {
        APIGatewayV2HTTPResponse filed =
                new PrivacyRequestHandler(services.privacyRequests())
                        .handleRequest(
                                InMemoryServices.event("privacy-request-complaint.json"), null);
        assertEquals(202, filed.getStatusCode(), filed.getBody());

        assertEquals(
                Map.of("dueSoon", 1L, "overdue", 0L),
                handler.handleRequest(Map.of(), null),
                "its acknowledgement is due within 72 hours");
        services.clock.advance(Duration.ofDays(4));
        assertEquals(Map.of("dueSoon", 0L, "overdue", 1L), handler.handleRequest(Map.of(), null));

        String emitted = metrics.toString(StandardCharsets.UTF_8);
        assertEquals(4, emitted.lines().count(), emitted);
        assertFalse(emitted.contains("ana@example.com"), "no personal data in metrics");
        for (String requestId : services.requests.requests.keySet()) {
            assertFalse(emitted.contains(requestId), emitted);
        }
    }
}
