package dev.consentvault.core.propagation;

import dev.consentvault.core.json.JsonFields;
import dev.consentvault.core.json.StrictJson;
import dev.consentvault.core.log.JsonLog;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/processor-acks}: a processor says it acted on a notice. The body is {@code
 * {"propagationId", "processor"}}, signed like the webhook ({@link WebhookSignature}) with that
 * processor's secret: a body signed by anyone else, altered, or signed more than five minutes away
 * from now is refused, and a notice is acknowledged once, so a replayed acknowledgement changes
 * nothing.
 */
public final class ProcessorAcks {

    private static final JsonLog LOG = new JsonLog("processor-acks");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Processors processors;
    private final SigningSecrets secrets;
    private final PropagationStore store;
    private final PropagationDelivery delivery;
    private final Clock clock;

    public ProcessorAcks(
            Processors processors,
            SigningSecrets secrets,
            PropagationStore store,
            PropagationDelivery delivery,
            Clock clock) {
        this.processors = processors;
        this.secrets = secrets;
        this.store = store;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** What came of an acknowledgement. */
    public enum Outcome {
        /** Recorded (200). */
        ACKNOWLEDGED,
        /** No valid, fresh signature of a known processor (401). */
        UNAUTHENTICATED,
        /** Signed right, but no such notice for this processor (404). */
        UNKNOWN_NOTICE,
        /** Acknowledged before: a replay or a duplicate (409). */
        ALREADY_ACKNOWLEDGED
    }

    public Outcome acknowledge(byte[] body, String signature) {
        JsonFields fields =
                StrictJson.readObject(body, "{\"propagationId\": \"...\", \"processor\": \"...\"}");
        fields.refuseUnknown(Set.of("propagationId", "processor"));
        String propagationId = fields.string("propagationId", ID, true, "propagation-id");
        String processorId = fields.string("processor", ID, true, "processor-id");
        fields.finish("The acknowledgement");
        Optional<Processor> processor = processors.find(processorId);
        if (processor.isEmpty()
                || !WebhookSignature.verify(
                        secrets.secret(processorId), signature, body, clock.instant())) {
            LOG.warn("ack-refused", Map.of("reason", "signature"));
            return Outcome.UNAUTHENTICATED;
        }
        PropagationItem item = store.find(propagationId, processorId).orElse(null);
        if (item == null) {
            return Outcome.UNKNOWN_NOTICE;
        }
        if (item.status() == PropagationItem.Status.ACKED
                || !delivery.acknowledge(
                        item, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))) {
            LOG.warn(
                    "ack-refused",
                    Map.of("reason", "already-acknowledged", "propagationId", propagationId));
            return Outcome.ALREADY_ACKNOWLEDGED;
        }
        return Outcome.ACKNOWLEDGED;
    }
}
