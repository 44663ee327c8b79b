package dev.consentvault.functions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.consentvault.core.consent.FakeConsentStore;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Increment;
import dev.consentvault.core.figures.Measure;
import dev.consentvault.core.ledger.ChainCheck;
import dev.consentvault.core.ledger.EventKind;
import dev.consentvault.core.ledger.InMemoryLedger;
import dev.consentvault.core.ledger.LedgerEvent;
import dev.consentvault.core.ledger.Refs;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;

/** The ledger writer and the figures on the consent table's stream sample, in memory. */
class AccountabilityHandlersTest {

    @ParameterizedTest
    @Event(value = "events/consent-changes.json", type = DynamodbEvent.class)
    void theLedgerRecordsTheCaptureDecisionAndWithdrawalWithoutPersonalData(DynamodbEvent event) {
        InMemoryLedger ledger = new InMemoryLedger();
        StreamsEventResponse response =
                new LedgerHandler(ledger, Clock.systemUTC()).handleRequest(event, null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(
                List.of(EventKind.CAPTURE, EventKind.DECISION, EventKind.WITHDRAWAL),
                ledger.entries.stream().map(e -> e.event().kind()).toList());
        assertEquals(
                3,
                ledger.byReceiptRef(Refs.receiptRef("7fa6c9af-f8da-4804-a42f-f869386e8159"))
                        .size());
        String stored = ledger.entries.toString();
        for (String secret :
                List.of("7fa6c9af", "hmac-of-the-email", "sha256-of-the-receipt", "c2VhbGVk")) {
            assertFalse(stored.contains(secret), secret);
        }
        assertTrue(ChainCheck.verify(ledger, null).intact());

        new LedgerHandler(ledger, Clock.systemUTC()).handleRequest(event, null);
        assertEquals(3, ledger.entries.size(), "a redelivered batch adds nothing");
    }

    @ParameterizedTest
    @Event(value = "events/consent-changes.json", type = DynamodbEvent.class)
    void aFailedAppendReportsTheBatchFromItsFirstRecord(DynamodbEvent event) {
        InMemoryLedger down =
                new InMemoryLedger() {
                    @Override
                    public synchronized int append(List<LedgerEvent> events) {
                        throw new IllegalStateException("DynamoDB unavailable");
                    }
                };
        StreamsEventResponse response =
                new LedgerHandler(down, Clock.systemUTC()).handleRequest(event, null);
        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(
                "211100000000000000000001",
                response.getBatchItemFailures().get(0).getItemIdentifier());
    }

    /** Counters in memory, once per event id. */
    private static class InMemoryFigures implements Figures {
        final List<Increment> applied = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        boolean down;

        @Override
        public boolean apply(String eventId, List<Increment> increments) {
            if (down) {
                throw new IllegalStateException("DynamoDB unavailable");
            }
            if (!seen.add(eventId)) {
                return false;
            }
            applied.addAll(increments);
            return true;
        }

        @Override
        public List<Count> read(String campaign, LocalDate from, LocalDate to) {
            return List.of();
        }

        @Override
        public List<Count> readAll(LocalDate from, LocalDate to) {
            return List.of();
        }
    }

    @ParameterizedTest
    @Event(value = "events/consent-changes.json", type = DynamodbEvent.class)
    void theFiguresCountTheGrantAndTheWithdrawalUnderTheReceiptsCampaignOnce(DynamodbEvent event) {
        InMemoryFigures figures = new InMemoryFigures();
        FiguresHandler handler =
                new FiguresHandler(figures, new FakeConsentStore(), Clock.systemUTC());
        assertTrue(handler.handleRequest(event, null).getBatchItemFailures().isEmpty());
        assertEquals(
                List.of(Measure.GRANTED, Measure.WITHDRAWN),
                figures.applied.stream().map(Increment::measure).toList());
        assertTrue(
                figures.applied.stream()
                        .allMatch(
                                i ->
                                        i.campaign().equals("cny-2027")
                                                && i.page().equals("cherries-tiktok")));
        handler.handleRequest(event, null);
        assertEquals(2, figures.applied.size(), "redelivered: counted once");

        StreamsEventResponse failed =
                new FiguresHandler(
                                new InMemoryFigures() {
                                    {
                                        down = true;
                                    }
                                },
                                new FakeConsentStore(),
                                Clock.systemUTC())
                        .handleRequest(event, null);
        assertEquals(
                List.of("211100000000000000000002", "211100000000000000000003"),
                failed.getBatchItemFailures().stream()
                        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                        .toList(),
                "from the first record that failed on");
    }
}
