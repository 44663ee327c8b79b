package dev.consentvault.core.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The processors register: {@code processors.json} (or {@code PROCESSORS_JSON}) says who each
 * recipient is and what it receives; {@code PROCESSOR_WEBHOOKS} ({@code {"id": "https://..."}})
 * says where each is told, per deployment.
 */
public final class Processors {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> RECEIVES =
            Set.of(Processor.EMAIL_SHA256, Processor.PHONE_SHA256);

    private final Map<String, Processor> byId;

    public Processors(List<Processor> processors) {
        Map<String, Processor> map = new LinkedHashMap<>();
        processors.forEach(p -> map.put(p.id(), p));
        this.byId = Map.copyOf(map);
    }

    /** The default register (processors.json) or {@code json}, with the webhook URLs applied. */
    public static Processors load(String json, String webhooksJson) {
        try {
            JsonNode root;
            if (json == null || json.isBlank()) {
                try (InputStream in = Processors.class.getResourceAsStream("/processors.json")) {
                    root = Json.read(in);
                }
            } else {
                root = Json.read(json);
            }
            JsonNode webhooks =
                    webhooksJson == null || webhooksJson.isBlank()
                            ? Json.object()
                            : Json.read(webhooksJson);
            List<Processor> processors = new ArrayList<>();
            for (JsonNode p : root.path("processors")) {
                String id = p.path("id").asText();
                if (!ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("processor id '" + id + "' is not a slug");
                }
                List<String> receives = new ArrayList<>();
                p.path("receives").forEach(r -> receives.add(r.asText()));
                if (receives.isEmpty() || !RECEIVES.containsAll(receives)) {
                    throw new IllegalArgumentException(
                            id + ": receives must list " + RECEIVES + " entries");
                }
                String url = webhooks.path(id).isTextual() ? webhooks.path(id).asText() : null;
                processors.add(
                        new Processor(
                                id,
                                p.path("name").asText(),
                                p.path("location").asText(),
                                receives,
                                ackMode(id, p.path("ack")),
                                url));
            }
            return new Processors(processors);
        } catch (IOException e) {
            throw new IllegalArgumentException("processors are not valid JSON: " + e.getMessage());
        }
    }

    /**
     * {@code "callback"} (the default: acknowledged by its signed {@code POST /v1/processor-acks})
     * or {@code "delivery"} (its 2xx answer to the webhook is the acknowledgement); anything else
     * stops the load, so a typo never turns into a mode nobody chose.
     */
    private static Processor.AckMode ackMode(String id, JsonNode ack) {
        if (ack.isMissingNode()) {
            return Processor.AckMode.CALLBACK;
        }
        for (Processor.AckMode mode : Processor.AckMode.values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(ack.asText(null))) {
                return mode;
            }
        }
        throw new IllegalArgumentException(id + ": ack must be \"callback\" or \"delivery\"");
    }

    public List<Processor> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Processor> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The processor a purpose's third party (by the catalogue's name) is. */
    public Optional<Processor> forThirdParty(String name) {
        return byId.values().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
