package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.consentvault.core.figures.ConsentFigures;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Increment;
import dev.consentvault.core.figures.Source;
import dev.consentvault.core.ledger.TableChange;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.ReceiptItem;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.stream.StreamChanges;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The consent figures, on the consent table's stream: each decision's change adds to its campaign's
 * sharded counters, once per stream record. A decision's campaign and page are its receipt's: taken
 * from the receipt's image in the same batch (a capture writes both), else read from the receipt
 * item. A record that fails is reported with every record after it, so the batch resumes there; the
 * ones counted already are skipped.
 */
public final class FiguresHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final JsonLog LOG = new JsonLog("consent-figures");
    private final Figures figures;
    private final ConsentStore consents;
    private final Clock clock;

    public FiguresHandler() {
        this(System.getenv());
    }

    public FiguresHandler(Map<String, String> env) {
        this(new Wiring(env));
    }

    private FiguresHandler(Wiring wiring) {
        this(wiring.figures(), wiring.consents(), Clock.systemUTC());
    }

    public FiguresHandler(Figures figures, ConsentStore consents, Clock clock) {
        this.figures = figures;
        this.consents = consents;
        this.clock = clock;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event.getRecords() == null ? List.of() : event.getRecords();
        List<TableChange> changes = new ArrayList<>();
        Map<String, Source> sources = new HashMap<>();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            TableChange change = StreamChanges.of(record, clock.instant());
            changes.add(change);
            if (ConsentTable.RECEIPT_SK.equals(change.sk()) && change.pk() != null) {
                sources.put(
                        change.pk(),
                        Source.of(
                                change.latestString(ReceiptItem.SOURCE_CAMPAIGN),
                                change.latestString(ReceiptItem.SOURCE_PAGE)));
            }
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        int counted = 0;
        int duplicates = 0;
        for (int i = 0; i < changes.size(); i++) {
            TableChange change = changes.get(i);
            try {
                List<Increment> increments =
                        ConsentFigures.of(change, receiptId -> sourceOf(receiptId, sources));
                if (!increments.isEmpty()) {
                    if (figures.apply(change.eventId(), increments)) {
                        counted++;
                    } else {
                        duplicates++;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "record-failed",
                        Map.of(
                                "eventId",
                                String.valueOf(change.eventId()),
                                "error",
                                e.getClass().getSimpleName()));
                for (int j = i; j < records.size(); j++) {
                    failures.add(
                            StreamsEventResponse.BatchItemFailure.builder()
                                    .withItemIdentifier(
                                            records.get(j).getDynamodb().getSequenceNumber())
                                    .build());
                }
                break;
            }
        }
        LOG.info(
                "batch",
                Map.of(
                        "records",
                        records.size(),
                        "counted",
                        counted,
                        "duplicates",
                        duplicates,
                        "failed",
                        failures.size()));
        JsonLog.setRequestId(null);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private Source sourceOf(String receiptId, Map<String, Source> sources) {
        String pk = ConsentTable.receiptPk(receiptId);
        return sources.computeIfAbsent(
                pk,
                key ->
                        consents.find(key, ConsentTable.RECEIPT_SK)
                                .map(
                                        item ->
                                                Source.of(
                                                        item.string(ReceiptItem.SOURCE_CAMPAIGN),
                                                        item.string(ReceiptItem.SOURCE_PAGE)))
                                .orElse(Source.UNKNOWN));
    }
}
