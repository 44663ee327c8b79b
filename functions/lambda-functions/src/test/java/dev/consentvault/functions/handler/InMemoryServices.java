package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.consent.ConfirmationPage;
import dev.consentvault.core.consent.Confirmations;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.Controller;
import dev.consentvault.core.consent.DoubleOptIn;
import dev.consentvault.core.consent.FakeConsentStore;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.MutableClock;
import dev.consentvault.core.crypto.RandomIds;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.MessageTemplates;
import dev.consentvault.core.notify.OutboundMessage;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.notify.OutboxItem;
import dev.consentvault.core.privacy.ComplaintProcessing;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.FakePrivacyRequestStore;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.core.privacy.RequestDispatch;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handlers' domain services on the domain's in-memory fakes: no local cloud. One instance is
 * one deployment's worth of state (consent table, key service, requests table and queues).
 */
final class InMemoryServices {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TABLE = "consents";
    static final String REQUESTS_TABLE = "privacy-requests";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    final FakeKeyService kms = new FakeKeyService();
    final FakeConsentStore consents = new FakeConsentStore();
    final FakePrivacyRequestStore requests = new FakePrivacyRequestStore();
    final InMemoryQueue queue = new InMemoryQueue();
    private final SubjectKeys subjectKeys = new SubjectKeys(randomIndexKey());
    private final Envelope envelope = Envelope.forTable(kms, TABLE, clock);
    private final ReceiptKeys receiptKeys = new ReceiptKeys(envelope, TABLE + "-receipt-keys");
    private final Envelope requestsEnvelope = Envelope.forTable(kms, REQUESTS_TABLE, clock);
    private final Controller controller =
            new Controller(
                    "Cherries Ltd", "privacy@cherries.example", "https://cherries.example/privacy");

    private static byte[] randomIndexKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    ConsentCapture capture() {
        return new ConsentCapture(
                PurposeCatalogue.defaults(),
                Jurisdictions.standard(),
                consents,
                receiptKeys,
                subjectKeys,
                controller,
                TABLE,
                clock,
                // no PUBLIC_BASE_URL: links go to the address the request came to
                new DoubleOptIn(outbox, Duration.ofDays(7), null));
    }

    /** Held captures, sealed under the consent table's envelope as the functions seal them. */
    dev.consentvault.core.consent.HeldCaptures heldCaptures() {
        return new dev.consentvault.core.consent.HeldCaptures(envelope, TABLE);
    }

    /** The capture handler; after a restore it gets this deployment's index key again. */
    CaptureConsentHandler captureHandler() {
        return new CaptureConsentHandler(capture(), FakeConsentStore::new, this::indexKey);
    }

    /** This deployment's index key, as unwrapping it again would give it. */
    SubjectKeys indexKey() {
        return subjectKeys;
    }

    ReceiptService receipts() {
        return new ReceiptService(
                consents,
                receiptKeys,
                controller,
                TABLE,
                clock,
                RetentionPolicy.parse("P3Y"),
                PurposeCatalogue.defaults().notices());
    }

    PrivacyRequests privacyRequests() {
        return privacyRequests(new RandomIds());
    }

    /** Filing with request ids from this source. */
    PrivacyRequests privacyRequests(RandomIds ids) {
        return new PrivacyRequests(
                requests,
                receipts(),
                requestsEnvelope,
                REQUESTS_TABLE,
                new Deadlines(Deadlines.DEFAULT_ACKNOWLEDGEMENT),
                clock,
                null,
                ids);
    }

    /** Runs the outbox as the dispatcher would: queues every request filed so far. */
    int dispatchFiled() {
        return new RequestDispatch(requests, queue, clock, Duration.ZERO).sweep();
    }

    Erasure erasure() {
        return new Erasure(consents, requests, clock, RetentionPolicy.parse("P3Y"));
    }

    ComplaintProcessing complaints() {
        return new ComplaintProcessing(
                requests, privacyRequests(), requestsEnvelope, subjectKeys, REQUESTS_TABLE);
    }

    /** A person's consent, captured through the capture handler from the sample event. */
    final Outbox outbox = new Outbox(envelope, TABLE);

    Confirmations confirmations() {
        return new Confirmations(consents, receipts(), subjectKeys, clock);
    }

    ConfirmConsentHandler confirmHandler() {
        return new ConfirmConsentHandler(
                confirmations(),
                new ConfirmationPage(MessageTemplates.standard(), controller.name()),
                this::indexKey);
    }

    /** The message of this kind the outbox holds for a receipt, opened as the sender would. */
    OutboundMessage message(String receiptId, MessageKind kind) {
        return consents.all().stream()
                .filter(OutboxItem::is)
                .map(i -> outbox.open(OutboxItem.of(i)))
                .filter(m -> m.kind() == kind)
                .filter(m -> receiptId.equals(m.params().get(OutboundMessage.RECEIPT_ID)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " for " + receiptId));
    }

    /** Confirms a receipt's pending email and SMS purposes, as the person would. */
    void confirmAll(String receiptId, String token) {
        String link = message(receiptId, MessageKind.CONFIRM_EMAIL).params().get("link");
        confirmations()
                .confirmByLink(receiptId, link.substring(link.lastIndexOf('/') + 1))
                .orElseThrow();
        String code = message(receiptId, MessageKind.CONFIRM_SMS).params().get("code");
        confirmations()
                .confirmByCode(
                        receiptId,
                        token,
                        ("{\"code\": \"" + code + "\"}").getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
    }

    JsonNode captureSample() {
        APIGatewayV2HTTPResponse response =
                captureHandler().handleRequest(event("capture-consent.json"), null);
        if (response.getStatusCode() != 201) {
            throw new AssertionError("capture failed: " + response.getBody());
        }
        return json(response);
    }

    /** A sample event from events/. */
    static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + file);
    }

    /** The sample event with a receipt's id and token (no Authorization header when null). */
    static APIGatewayV2HTTPEvent receiptEvent(String file, String receiptId, String token) {
        APIGatewayV2HTTPEvent event = withToken(event(file), token);
        event.setPathParameters(Map.of("receiptId", receiptId));
        return event;
    }

    static APIGatewayV2HTTPEvent withToken(APIGatewayV2HTTPEvent event, String token) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.remove("authorization");
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        event.setHeaders(headers);
        return event;
    }

    static APIGatewayV2HTTPEvent withHeader(
            APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.put(name, value);
        event.setHeaders(headers);
        return event;
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
