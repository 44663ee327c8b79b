package dev.consentvault.core.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.ConsentStatus;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.ReceiptKey;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.json.StrictJson;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.StoredItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Before an erasure deletes anything, records what each processor that received the person's data
 * must be told: for every live GRANTED decision whose purpose names third parties, the processor
 * each one is, and the hashed identifiers it matches on (opened from the decision's sealed fields
 * while the receipt's key still exists, then sealed again to the notice). The notices and the
 * request's "waiting for these processors" are one transaction ({@link
 * PropagationStore#recordForErasure}); a retry after it finds them recorded and adds nothing.
 */
public final class ErasurePropagation {

    private static final JsonLog LOG = new JsonLog("erasure-propagation");
    private static final ObjectMapper JSON = StrictJson.mapper();

    private final ConsentStore consents;
    private final ReceiptKeys receiptKeys;
    private final String consentTable;
    private final Processors processors;
    private final PropagationStore store;
    private final Envelope requestsEnvelope;
    private final String requestsTable;

    public ErasurePropagation(
            ConsentStore consents,
            ReceiptKeys receiptKeys,
            String consentTable,
            Processors processors,
            PropagationStore store,
            Envelope requestsEnvelope,
            String requestsTable) {
        this.consents = consents;
        this.receiptKeys = receiptKeys;
        this.consentTable = consentTable;
        this.processors = processors;
        this.store = store;
        this.requestsEnvelope = requestsEnvelope;
        this.requestsTable = requestsTable;
    }

    /** Records the request's notices (once); returns how many processors it waits for. */
    public int record(PrivacyRequest request, Collection<String> receiptIds, Instant now) {
        if (store.recordedFor(request.requestId())) {
            return store.awaitingProcessors(request.requestId()).size();
        }
        Map<String, Owed> owed = new TreeMap<>();
        for (String receiptId : new TreeSet<>(receiptIds)) {
            collect(receiptId, now, owed);
        }
        if (owed.isEmpty()) {
            return 0;
        }
        List<PropagationItem> items = new ArrayList<>();
        for (Owed o : owed.values()) {
            ObjectNode subject = JSON.createObjectNode();
            if (o.processor.receives().contains(Processor.EMAIL_SHA256)) {
                o.emailHashes.forEach(subject.withArray("emailSha256")::add);
            }
            if (o.processor.receives().contains(Processor.PHONE_SHA256)) {
                o.phoneHashes.forEach(subject.withArray("phoneSha256")::add);
            }
            items.add(
                    new PropagationItem(
                            request.requestId(),
                            o.processor.id(),
                            PropagationItem.ERASURE,
                            request.requestId(),
                            List.copyOf(o.purposes),
                            PropagationItem.Status.PENDING,
                            now,
                            request.dueAt(),
                            null,
                            null,
                            requestsEnvelope.seal(
                                    subject.toString().getBytes(StandardCharsets.UTF_8),
                                    PropagationItem.binding(
                                            requestsTable,
                                            request.requestId(),
                                            o.processor.id()))));
        }
        store.recordForErasure(request.requestId(), items, now);
        LOG.info(
                "propagation-recorded",
                Map.of(
                        "privacyRequestId",
                        request.requestId(),
                        "processors",
                        String.join(",", owed.keySet())));
        return store.awaitingProcessors(request.requestId()).size();
    }

    private void collect(String receiptId, Instant now, Map<String, Owed> owed) {
        Supplier<Optional<ReceiptKey>> key =
                new Supplier<>() {
                    private Optional<ReceiptKey> cached;

                    @Override
                    public Optional<ReceiptKey> get() {
                        if (cached == null) {
                            cached =
                                    consents.receiptKey(receiptId)
                                            .map(
                                                    k ->
                                                            receiptKeys.unwrap(
                                                                    receiptId, k.wrappedKey()));
                        }
                        return cached;
                    }
                };
        for (StoredItem item : consents.partition(ConsentTable.receiptPk(receiptId))) {
            if (!DecisionItem.is(item) || item.expiredAt(now)) {
                continue;
            }
            DecisionItem decision = DecisionItem.of(item);
            if (decision.status() != ConsentStatus.GRANTED
                    || decision.thirdParties().isEmpty()
                    || decision.sealed() == null) {
                continue;
            }
            JsonNode fields = open(decision, key);
            for (String thirdParty : decision.thirdParties()) {
                Optional<Processor> processor = processors.forThirdParty(thirdParty);
                if (processor.isEmpty()) {
                    // the catalogue names a recipient nobody can tell: staff must, by hand
                    LOG.warn(
                            "third-party-without-processor",
                            Map.of("purposeId", decision.purposeId()));
                    continue;
                }
                Owed o =
                        owed.computeIfAbsent(processor.get().id(), id -> new Owed(processor.get()));
                o.purposes.add(decision.purposeId());
                if (fields.path("email").isTextual()) {
                    o.emailHashes.add(
                            sha256Hex(
                                    fields.get("email").asText().strip().toLowerCase(Locale.ROOT)));
                }
                if (fields.path("phone").isTextual()) {
                    // the E.164 digits without "+", as ad platforms hash phone numbers
                    o.phoneHashes.add(sha256Hex(fields.get("phone").asText().replace("+", "")));
                }
            }
        }
    }

    /** Lower-case hex SHA-256 of the UTF-8 value: the form ad platforms match on. */
    static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode open(DecisionItem decision, Supplier<Optional<ReceiptKey>> key) {
        byte[] plain = receiptKeys.open(decision.sealed(), decision.binding(consentTable), key);
        try {
            return JSON.readTree(plain);
        } catch (IOException e) {
            throw new IllegalStateException("sealed fields are not JSON", e);
        }
    }

    private static final class Owed {
        final Processor processor;
        final TreeSet<String> purposes = new TreeSet<>();
        final TreeSet<String> emailHashes = new TreeSet<>();
        final TreeSet<String> phoneHashes = new TreeSet<>();

        Owed(Processor processor) {
            this.processor = processor;
        }
    }
}
