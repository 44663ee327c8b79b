package dev.consentvault.core.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.StoredItem;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Carries out the propagation outbox, off the request path. {@link #dispatch} puts a recorded
 * notice on the processor-propagations queue (from the requests table's stream, and the sweeper);
 * {@link #deliver} takes it from there: opens its hashed identifiers, signs the JSON body with the
 * processor's secret ({@link WebhookSignature}) and posts it. Anything but a 2xx answer in time is
 * an exception, so the queue delivers the message again later (with backoff), then dead-letters it
 * (alarm). A notice already delivered is not posted again.
 */
public final class PropagationDelivery {

    public static final String MESSAGE_SCHEMA = "consent-vault.propagation/1";
    public static final String NOTICE_SCHEMA = "consent-vault.processor-notice/1";

    private static final JsonLog LOG = new JsonLog("propagation");

    private final PropagationStore store;
    private final Processors processors;
    private final Envelope requestsEnvelope;
    private final String requestsTable;
    private final SigningSecrets secrets;
    private final Webhooks webhooks;
    private final PropagationQueue queue;
    private final Clock clock;
    private final RetentionPolicy proofRetention;
    private final RetentionPolicy withdrawalProofRetention;
    private final CompletionNotice completionNotice;

    /**
     * The messages that tell a person their erasure is complete (outbox items, written with the
     * completion), opened from the request's sealed contact; empty when there is no one to tell.
     */
    @FunctionalInterface
    public interface CompletionNotice {
        List<StoredItem> messages(String requestId, Instant at);
    }

    public PropagationDelivery(
            PropagationStore store,
            Processors processors,
            Envelope requestsEnvelope,
            String requestsTable,
            SigningSecrets secrets,
            Webhooks webhooks,
            PropagationQueue queue,
            Clock clock,
            RetentionPolicy proofRetention) {
        this(
                store,
                processors,
                requestsEnvelope,
                requestsTable,
                secrets,
                webhooks,
                queue,
                clock,
                proofRetention,
                proofRetention,
                (requestId, at) -> List.of());
    }

    /**
     * @param proofRetention how long a completed deletion's proof, and an acknowledged erasure
     *     notice's, is kept ({@code PRIVACY_PROOF_RETENTION})
     * @param withdrawalProofRetention how long an acknowledged withdrawal notice is kept: as long
     *     as the withdrawn decision it told of ({@code WITHDRAWAL_PROOF_RETENTION})
     * @param completionNotice the messages the completion by the last acknowledgement writes in its
     *     own transaction, so the person hears of it once, whichever write completes it
     */
    public PropagationDelivery(
            PropagationStore store,
            Processors processors,
            Envelope requestsEnvelope,
            String requestsTable,
            SigningSecrets secrets,
            Webhooks webhooks,
            PropagationQueue queue,
            Clock clock,
            RetentionPolicy proofRetention,
            RetentionPolicy withdrawalProofRetention,
            CompletionNotice completionNotice) {
        this.store = store;
        this.processors = processors;
        this.requestsEnvelope = requestsEnvelope;
        this.requestsTable = requestsTable;
        this.secrets = secrets;
        this.webhooks = webhooks;
        this.queue = queue;
        this.clock = clock;
        this.proofRetention = proofRetention;
        this.withdrawalProofRetention = withdrawalProofRetention;
        this.completionNotice = completionNotice;
    }

    /** Queues one notice if its outbox mark is set, then clears the mark. */
    public void dispatch(String propagationId, String processorId) {
        if (store.awaitingDispatch(propagationId, processorId).isEmpty()) {
            return;
        }
        queue.send(
                Json.object()
                        .put("schema", MESSAGE_SCHEMA)
                        .put("propagationId", propagationId)
                        .put("processorId", processorId)
                        .toString());
        store.markDispatched(propagationId, processorId, now());
        LOG.info(
                "propagation-queued",
                Map.of("propagationId", propagationId, "processorId", processorId));
    }

    /**
     * What the sweep adds for propagations: queues notices the stream missed, and completes erased
     * requests whose last acknowledgement was recorded without the completion that should follow
     * it. Returns how many notices went out; throws after trying them all if any failed.
     */
    public int sweep(Instant before) {
        int dispatched = 0;
        int failed = 0;
        for (String[] key : store.dispatchPendingSince(before)) {
            try {
                dispatch(key[0], key[1]);
                dispatched++;
            } catch (RuntimeException e) {
                failed++;
                LOG.warn(
                        "sweep-propagation-failed",
                        Map.of("propagationId", key[0], "error", e.getClass().getSimpleName()));
            }
        }
        Instant now = now();
        for (String requestId : store.inProgress()) {
            complete(requestId, now);
        }
        if (failed > 0) {
            throw new IllegalStateException(
                    failed + " pending propagation(s) could not be queued; they stay pending");
        }
        return dispatched;
    }

    /** One queue message: delivers its notice, or throws so the queue tries again later. */
    public void deliver(String messageBody) {
        JsonNode message = parse(messageBody);
        String propagationId = message.get("propagationId").asText();
        String processorId = message.get("processorId").asText();
        PropagationItem item = store.find(propagationId, processorId).orElse(null);
        if (item == null || item.status() != PropagationItem.Status.PENDING) {
            return;
        }
        Processor processor =
                processors
                        .find(processorId)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "processor " + processorId + " is not configured"));
        if (processor.webhookUrl() == null) {
            throw new IllegalStateException(
                    "no webhook URL configured for processor " + processorId);
        }
        Instant now = now();
        byte[] body = notice(item, processor, now);
        int status =
                webhooks.post(
                        processor.webhookUrl(),
                        body,
                        Map.of(
                                WebhookSignature.HEADER,
                                WebhookSignature.sign(secrets.secret(processorId), now, body),
                                "Content-Type",
                                "application/json"));
        if (status < 200 || status > 299) {
            throw new DependencyUnavailableException(
                    "processor " + processorId + " answered " + status, null);
        }
        store.markSent(propagationId, processorId, now);
        LOG.info(
                "propagation-delivered",
                Map.of("propagationId", propagationId, "processorId", processorId));
        if (processor.ack() == Processor.AckMode.DELIVERY) {
            acknowledge(item, now);
        }
    }

    /**
     * The processor acted: records it (the notice loses its hashed identifiers and keeps its proof
     * as long as the proof of what it told of, see {@link PropagationItem}) and completes the
     * erasure if it was the last one.
     */
    public boolean acknowledge(PropagationItem item, Instant at) {
        RetentionPolicy retention =
                PropagationItem.WITHDRAWAL.equals(item.event())
                        ? withdrawalProofRetention
                        : proofRetention;
        if (!store.acknowledge(item, at, retention.expiryFor(at).getEpochSecond())) {
            return false;
        }
        boolean completed = item.requestId() != null && complete(item.requestId(), at);
        LOG.info(
                "propagation-acknowledged",
                Map.of(
                        "propagationId",
                        item.propagationId(),
                        "processorId",
                        item.processorId(),
                        "requestCompleted",
                        completed));
        return true;
    }

    /**
     * Completes the erased request if no processor is left to wait for, with the message that tells
     * the person (read before the write, which removes the sealed contact).
     */
    private boolean complete(String requestId, Instant at) {
        if (!store.awaitingProcessors(requestId).isEmpty()) {
            return false;
        }
        return store.completeIfAcknowledged(
                requestId,
                at,
                proofRetention.expiryFor(at).getEpochSecond(),
                completionNotice.messages(requestId, at));
    }

    /**
     * The webhook body: which notice, what happened, for which purposes, and only the hashed
     * identifiers the processor already holds and matches on; nothing else about the person.
     */
    private byte[] notice(PropagationItem item, Processor processor, Instant now) {
        ObjectNode body = Json.object();
        body.put("schema", NOTICE_SCHEMA);
        body.put("propagationId", item.propagationId());
        body.put("processor", processor.id());
        body.put("event", item.event());
        item.purposes().forEach(body.withArray("purposes")::add);
        try {
            body.set(
                    "subject",
                    Json.read(
                            requestsEnvelope.open(
                                    item.sealed(),
                                    PropagationItem.binding(
                                            requestsTable,
                                            item.propagationId(),
                                            item.processorId()))));
        } catch (IOException e) {
            throw new IllegalStateException("sealed identifiers are not JSON", e);
        }
        body.put("issuedAt", now.toString());
        body.put("acknowledgeBy", item.dueAt().toString());
        body.put("acknowledgement", processor.ack().name().toLowerCase(java.util.Locale.ROOT));
        return Json.bytes(body);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = Json.read(body);
            if (json == null
                    || !MESSAGE_SCHEMA.equals(json.path("schema").asText())
                    || !json.path("propagationId").isTextual()
                    || !json.path("processorId").isTextual()) {
                throw new IllegalArgumentException("not a " + MESSAGE_SCHEMA + " message");
            }
            return json;
        } catch (IOException e) {
            throw new IllegalArgumentException("message body is not JSON");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
