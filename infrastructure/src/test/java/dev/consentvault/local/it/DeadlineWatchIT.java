package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import dev.consentvault.local.ScheduleRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 (4): the daily deadline watch, run by the template's schedule, counts the requests due
 * within 3 days and the overdue ones on the real requests table, and emits only counts. The stack
 * is shared with other ITs, so the counts are compared before and after filing.
 */
class DeadlineWatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTACT = "deadline-watch-it@example.com";
    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    private record Counts(long dueSoon, long overdue) {}

    /** Files a complaint as if received {@code ago} before now; returns its request id. */
    private String complaintFiled(Duration ago) throws Exception {
        PrivacyRequestHandler api =
                new PrivacyRequestHandler(
                        cloud.api(
                                        "PrivacyRequestFunction",
                                        Clock.offset(Clock.systemUTC(), ago.negated()))
                                .privacyRequests());
        APIGatewayV2HTTPResponse response =
                api.handleRequest(
                        cloud.bearerEvent(
                                "privacy-request-complaint.json",
                                null,
                                "{\"type\": \"complaint\", \"message\": \"Where is my answer?\","
                                        + " \"contact\": \""
                                        + CONTACT
                                        + "\", \"jurisdiction\": \"EU\"}"),
                        null);
        assertEquals(202, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody()).get("requestId").asText();
    }

    /** Fires every schedule the template declares, capturing the EMF lines they print. */
    private Counts fireSchedules(ScheduleRunner schedules, List<String> emitted) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream previous =
                EmfMetrics.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            schedules.fireAll();
        } finally {
            EmfMetrics.redirect(previous);
        }
        Long dueSoon = null;
        Long overdue = null;
        for (String line : captured.toString(StandardCharsets.UTF_8).lines().toList()) {
            emitted.add(line);
            JsonNode metric = JSON.readTree(line);
            if (metric.has("RequestsDueSoon")) {
                dueSoon = metric.get("RequestsDueSoon").asLong();
            }
            if (metric.has("RequestsOverdue")) {
                overdue = metric.get("RequestsOverdue").asLong();
            }
        }
        assertTrue(dueSoon != null && overdue != null, "the watch emitted both: " + emitted);
        return new Counts(dueSoon, overdue);
    }

    /** How long ago a GDPR request must be received for its month to end in 1 to 2 days. */
    private static Duration receivedSoThatItIsDueInADayOrTwo(Instant now) {
        for (int days = 25; days <= 31; days++) {
            Instant due = Deadlines.response(LegalRegime.GDPR, now.minus(Duration.ofDays(days)));
            if (!due.isBefore(now.plus(Duration.ofDays(1)))
                    && !due.isAfter(now.plus(Duration.ofDays(2)))) {
                return Duration.ofDays(days);
            }
        }
        throw new IllegalStateException("no month is that long");
    }

    @Test
    void theScheduledWatchCountsRequestsDueWithinThreeDaysAndOverdueOnesWithNoPersonalData()
            throws Exception {
        ScheduleRunner schedules =
                ScheduleRunner.forTemplate(
                        cloud.stack,
                        ScheduleRunner.scheduledFunctions(
                                cloud.stack, cloud.cloud.clientEnvironment()));
        assertTrue(
                schedules.schedules().stream()
                        .anyMatch(
                                s ->
                                        s.function().logicalId().equals("DeadlineWatchFunction")
                                                && Duration.ofDays(1).equals(s.every())),
                "the local run reads the daily schedule from the template");
        List<String> emitted = new ArrayList<>();
        Counts before = fireSchedules(schedules, emitted);

        DynamoPrivacyRequestStore store =
                new DynamoPrivacyRequestStore(
                        cloud.dynamo(), cloud.stack.physicalId("PrivacyRequestsTable"));
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        // received now: its acknowledgement is due in 72 hours (exactly 3 days): due soon
        ids.add(complaintFiled(Duration.ZERO));
        // received 5 days ago, never acknowledged: the acknowledgement deadline passed: overdue
        ids.add(complaintFiled(Duration.ofDays(5)));
        // received 5 days ago and acknowledged the next day: its month has weeks to run: neither
        String acknowledged = complaintFiled(Duration.ofDays(5));
        assertTrue(store.acknowledge(acknowledged, now.minus(Duration.ofDays(4))));
        ids.add(acknowledged);
        // acknowledged the day after it arrived, and its month ends in a day or two: due soon
        Duration monthAgo = receivedSoThatItIsDueInADayOrTwo(now);
        String monthEnding = complaintFiled(monthAgo);
        assertTrue(store.acknowledge(monthEnding, now.minus(monthAgo).plus(Duration.ofDays(1))));
        ids.add(monthEnding);

        Counts after = fireSchedules(schedules, emitted);

        assertEquals(before.dueSoon() + 2, after.dueSoon(), emitted.toString());
        assertEquals(before.overdue() + 1, after.overdue(), emitted.toString());
        String all = String.join("\n", emitted);
        assertFalse(all.contains(CONTACT), "no contact in the metrics");
        for (String id : ids) {
            assertFalse(all.contains(id), "no request id in the metrics");
        }
        System.out.printf(
                "[deadline-watch] before: %s; after filing 2 due soon, 1 overdue, 1 neither: %s%n",
                before, after);
    }
}
