package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.consentvault.core.ledger.Ledger;
import dev.consentvault.core.ledger.LedgerEvent;
import dev.consentvault.core.ledger.PrivacyEvents;
import dev.consentvault.core.ledger.TableChange;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.stream.StreamChanges;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledger writer, on the consent table's and the privacy-requests table's streams: turns each
 * change into ledger events (no personal data) and appends the batch's events in order. When the
 * append fails the whole batch is reported as failed and comes back; events already in the chain
 * are recognised by their keys and not appended twice.
 */
public final class LedgerHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final JsonLog LOG = new JsonLog("ledger-writer");
    private final Ledger ledger;
    private final Clock clock;

    public LedgerHandler() {
        this(System.getenv());
    }

    public LedgerHandler(Map<String, String> env) {
        this(new Wiring(env).ledger(), Clock.systemUTC());
    }

    public LedgerHandler(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event.getRecords() == null ? List.of() : event.getRecords();
        List<LedgerEvent> events = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            TableChange change = StreamChanges.of(record, clock.instant());
            events.addAll(PrivacyEvents.ofConsentChange(change));
            events.addAll(PrivacyEvents.ofRequestChange(change));
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        int appended = 0;
        try {
            appended = events.isEmpty() ? 0 : ledger.append(events);
        } catch (RuntimeException e) {
            LOG.warn(
                    "append-failed",
                    Map.of("records", records.size(), "error", e.getClass().getSimpleName()));
            // the batch comes back from its first record; appended events are skipped then
            failures.add(
                    StreamsEventResponse.BatchItemFailure.builder()
                            .withItemIdentifier(records.get(0).getDynamodb().getSequenceNumber())
                            .build());
        }
        LOG.info(
                "batch",
                Map.of(
                        "records",
                        records.size(),
                        "events",
                        events.size(),
                        "appended",
                        appended,
                        "failed",
                        failures.size()));
        JsonLog.setRequestId(null);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }
}
