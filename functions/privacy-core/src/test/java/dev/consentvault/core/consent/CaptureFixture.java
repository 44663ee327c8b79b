package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.crypto.DataKeyCache;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.MutableClock;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Capture and receipts on the in-memory store, with a catalogue of the test's choosing. */
final class CaptureFixture {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String TABLE = "consents";
    static final String KEYS_TABLE = "consent-vault-receipt-keys";
    static final Controller CONTROLLER =
            new Controller("Cherries Ltd", "privacy@cherries.example", "https://c.example");

    final MutableClock clock;
    final FakeConsentStore store = new FakeConsentStore();
    final Envelope envelope;
    final ConsentCapture capture;
    final ReceiptService receipts;

    CaptureFixture(PurposeCatalogue catalogue, Instant now) {
        clock = new MutableClock(now);
        envelope =
                new Envelope(
                        new DataKeyCache(
                                new FakeKeyService(),
                                Map.of("service", "consent-vault", "table", TABLE),
                                clock));
        capture =
                new ConsentCapture(
                        catalogue,
                        Jurisdictions.standard(),
                        store,
                        new ReceiptKeys(envelope, KEYS_TABLE),
                        new SubjectKeys(new byte[32]),
                        CONTROLLER,
                        TABLE,
                        clock,
                        new DoubleOptIn(
                                new Outbox(envelope, TABLE),
                                Duration.ofDays(7),
                                "https://brand.example"));
        receipts =
                new ReceiptService(
                        store,
                        new ReceiptKeys(envelope, KEYS_TABLE),
                        CONTROLLER,
                        TABLE,
                        clock,
                        RetentionPolicy.parse("P3Y"),
                        catalogue.notices());
    }

    JsonNode capture(String body) {
        return json(
                capture.capture(body.getBytes(StandardCharsets.UTF_8), null, false).responseBody());
    }

    JsonNode view(JsonNode captured) {
        Receipt receipt =
                receipts.view(
                                captured.get("receiptId").asText(),
                                captured.get("receiptToken").asText())
                        .orElseThrow();
        return ReceiptJson.write(receipt);
    }

    static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, JsonNode> byPurpose(JsonNode receipt) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        receipt.get("purposes").forEach(p -> byId.put(p.get("purposeId").asText(), p));
        return byId;
    }
}
