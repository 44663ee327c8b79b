package dev.consentvault.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.consent.Identifiers;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.purpose.PersonalField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a deployment switches it on ({@code SUPPRESSION_ON_CAPTURE=flag}; off by default, since it
 * costs every marketing capture a read), flags a capture that grants marketing to an identifier on
 * the suppression list: a warning log line with the receipt id and the purposes (no identifier),
 * and the metric {@value #METRIC} for its alarm. The consent itself stands: a fresh, explicit
 * consent is the person's own choice, and staff review it.
 */
public final class CaptureScreen {

    public static final String METRIC = "SuppressedIdentifierCaptures";
    private static final JsonLog LOG = new JsonLog("capture-screen");

    private final SuppressionList list;
    private final EmfMetrics metrics;

    public CaptureScreen(SuppressionList list, EmfMetrics metrics) {
        this.list = list;
        this.metrics = metrics;
    }

    /**
     * Screens a capture already recorded: {@code requestBody} as sent, {@code receipt} as answered.
     * Never fails the capture: a check that cannot run is logged and skipped.
     */
    public boolean screen(byte[] requestBody, byte[] receipt, String receiptId) {
        try {
            List<String> marketing = new ArrayList<>();
            for (JsonNode purpose : Json.read(receipt).path("purposes")) {
                // a grant waiting for its double opt-in counts too: the confirmation message is
                // about to go to that address
                String status = purpose.path("status").asText();
                boolean granted = "GRANTED".equals(status) || "PENDING_CONFIRMATION".equals(status);
                boolean forMarketing =
                        "dpv:DirectMarketing".equals(purpose.path("category").asText())
                                || purpose.path("saleOrSharing").asBoolean();
                if (granted && forMarketing) {
                    marketing.add(purpose.path("purposeId").asText());
                }
            }
            if (marketing.isEmpty()) {
                return false;
            }
            JsonNode subject = Json.read(requestBody).path("subject");
            boolean listed =
                    listed(PersonalField.EMAIL, Identifiers.email(subject.path("email").asText("")))
                            || listed(
                                    PersonalField.PHONE,
                                    Identifiers.phone(subject.path("phone").asText("")));
            if (listed) {
                LOG.warn(
                        "capture-of-suppressed-identifier",
                        Map.of("receiptId", receiptId, "purposes", String.join(",", marketing)));
                metrics.count(METRIC, Map.of(), 1);
            }
            return listed;
        } catch (IOException | RuntimeException e) {
            LOG.warn("suppression-check-failed", Map.of("error", e.getClass().getSimpleName()));
            return false;
        }
    }

    private boolean listed(PersonalField field, Optional<String> normalised) {
        return normalised.isPresent() && list.contains(field, normalised.get());
    }
}
