package dev.consentvault.core.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the notices owed to processors from decisions that shared data: which processor each third
 * party is, for which purposes, and only the hashed identifiers it receives (SHA-256 of the
 * normalised email; of the E.164 digits of the phone), sealed to the notice's own item. One
 * instance per erasure or withdrawal: {@link #add} each decision, then {@link #items}.
 */
public final class Notices {

    private static final JsonLog LOG = new JsonLog("propagation-notices");

    private final Processors processors;
    private final Envelope requestsEnvelope;
    private final String requestsTable;
    private final Map<String, Owed> owed = new TreeMap<>();

    public Notices(Processors processors, Envelope requestsEnvelope, String requestsTable) {
        this.processors = processors;
        this.requestsEnvelope = requestsEnvelope;
        this.requestsTable = requestsTable;
    }

    /** A GRANTED decision whose purpose names third parties, with its opened fields. */
    public void add(String purposeId, List<String> thirdParties, JsonNode fields) {
        for (String thirdParty : thirdParties) {
            Optional<Processor> processor = processors.forThirdParty(thirdParty);
            if (processor.isEmpty()) {
                // the catalogue names a recipient nobody can tell: staff must, by hand
                LOG.warn("third-party-without-processor", Map.of("purposeId", purposeId));
                continue;
            }
            Owed o = owed.computeIfAbsent(processor.get().id(), id -> new Owed(processor.get()));
            o.purposes.add(purposeId);
            if (fields.path("email").isTextual()) {
                o.emailHashes.add(
                        sha256Hex(fields.get("email").asText().strip().toLowerCase(Locale.ROOT)));
            }
            if (fields.path("phone").isTextual()) {
                // the E.164 digits without "+", as ad platforms hash phone numbers
                o.phoneHashes.add(sha256Hex(fields.get("phone").asText().replace("+", "")));
            }
        }
    }

    public boolean isEmpty() {
        return owed.isEmpty();
    }

    /** One notice per processor, each with its identifiers sealed to it. */
    public List<PropagationItem> items(
            String propagationId, String event, String requestId, Instant now, Instant dueAt) {
        List<PropagationItem> items = new ArrayList<>();
        for (Owed o : owed.values()) {
            ObjectNode subject = Json.object();
            if (o.processor.receives().contains(Processor.EMAIL_SHA256)) {
                o.emailHashes.forEach(subject.withArray("emailSha256")::add);
            }
            if (o.processor.receives().contains(Processor.PHONE_SHA256)) {
                o.phoneHashes.forEach(subject.withArray("phoneSha256")::add);
            }
            items.add(
                    new PropagationItem(
                            propagationId,
                            o.processor.id(),
                            event,
                            requestId,
                            List.copyOf(o.purposes),
                            PropagationItem.Status.PENDING,
                            now,
                            dueAt,
                            null,
                            null,
                            requestsEnvelope.seal(
                                    subject.toString().getBytes(StandardCharsets.UTF_8),
                                    PropagationItem.binding(
                                            requestsTable, propagationId, o.processor.id()))));
        }
        return items;
    }

    /** Lower-case hex SHA-256 of the UTF-8 value: the form ad platforms match on. */
    public static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
