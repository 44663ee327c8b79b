package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.crypto.DataKeyCache;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.MutableClock;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.OutboundMessage;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConfirmationLockedException;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.StoredItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfirmationsTest {

    private static final String TABLE = "consents";
    private static final String KEYS_TABLE = "keys";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Controller CONTROLLER =
            new Controller("Cherries Ltd", "privacy@cherries.example", "https://c.example/p");
    private static final String MARKETING =
            """
            {"subject": {"email": "ana@example.com", "phone": "+34611222333"},
             "purposes": {"marketing-email": true, "marketing-sms": true, "analytics": true},
             "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok"},
             "jurisdiction": "EU", "locale": "es-ES", "ageConfirmed": true}""";

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeKeyService kms = new FakeKeyService();
    private final FakeConsentStore store = new FakeConsentStore();
    private final Envelope envelope =
            new Envelope(
                    new DataKeyCache(
                            kms, Map.of("service", "consent-vault", "table", TABLE), clock));
    private final Outbox outbox = new Outbox(envelope, TABLE);
    private final SubjectKeys subjectKeys = new SubjectKeys(new byte[32]);
    private final ConsentCapture capture =
            new ConsentCapture(
                    PurposeCatalogue.defaults(),
                    Jurisdictions.standard(),
                    store,
                    new ReceiptKeys(envelope, KEYS_TABLE),
                    subjectKeys,
                    CONTROLLER,
                    TABLE,
                    clock,
                    new DoubleOptIn(outbox, Duration.ofDays(7), null));
    private final ReceiptService receipts =
            new ReceiptService(
                    store,
                    new ReceiptKeys(envelope, KEYS_TABLE),
                    CONTROLLER,
                    TABLE,
                    clock,
                    RetentionPolicy.parse("P3Y"),
                    PurposeCatalogue.defaults().notices());
    private final Confirmations confirmations =
            new Confirmations(store, receipts, subjectKeys, clock);

    private record Captured(String id, String token) {}

    private Captured capture() {
        CaptureResult result =
                capture.capture(
                        MARKETING.getBytes(StandardCharsets.UTF_8),
                        null,
                        false,
                        "http://127.0.0.1:3000");
        try {
            JsonNode json = new ObjectMapper().readTree(result.responseBody());
            return new Captured(result.receiptId(), json.get("receiptToken").asText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private OutboundMessage message(Captured c, MessageKind kind) {
        return Sent.message(store, outbox, c.id(), kind).orElseThrow();
    }

    private Map<String, ConsentDecision> statuses(Captured c) {
        Map<String, ConsentDecision> byId = new java.util.LinkedHashMap<>();
        receipts.view(c.id(), c.token())
                .orElseThrow()
                .purposes()
                .forEach(d -> byId.put(d.purposeId(), d));
        return byId;
    }

    @Test
    void openingTheLinkShowsWhatItConfirmsAndConfirmsNothing() {
        Captured c = capture();
        OutboundMessage email = message(c, MessageKind.CONFIRM_EMAIL);
        assertTrue(
                email.params()
                        .get(OutboundMessage.LINK)
                        .startsWith("http://127.0.0.1:3000/v1/receipts/" + c.id()),
                "the request's own URL is the base when PUBLIC_BASE_URL is unset");

        Confirmations.Pending page = confirmations.byLink(c.id(), Sent.linkToken(email)).get();
        assertEquals("es", page.language(), "the supported locale the capture was shown in");
        assertEquals(1, page.purposeDescriptions().size());
        // a mail scanner fetching the link twice changes nothing
        confirmations.byLink(c.id(), Sent.linkToken(email));
        assertEquals(
                ConsentStatus.PENDING_CONFIRMATION, statuses(c).get("marketing-email").status());
    }

    @Test
    void postingTheLinkGrantsThePurposeFromThenAndVerifiesTheEmailOnThatReceiptOnce() {
        Captured c = capture();
        String token = Sent.linkToken(message(c, MessageKind.CONFIRM_EMAIL));
        clock.advance(Duration.ofDays(2));
        Instant confirmedAt = clock.instant();

        assertTrue(confirmations.confirmByLink(c.id(), token).isPresent());

        ConsentDecision email = statuses(c).get("marketing-email");
        assertEquals(ConsentStatus.GRANTED, email.status());
        assertEquals(confirmedAt, email.confirmedAt());
        assertEquals(RetentionPolicy.parse("P24M").expiryFor(confirmedAt), email.expiresAt());
        assertEquals(
                ConsentStatus.PENDING_CONFIRMATION,
                statuses(c).get("marketing-sms").status(),
                "the SMS purpose waits for its own code");
        Receipt receipt = receipts.view(c.id(), c.token()).orElseThrow();
        assertEquals(Set.of(PersonalField.EMAIL), receipt.verified());
        JsonNode json = ReceiptJson.write(receipt);
        assertEquals("[\"email\"]", json.get("verified").toString());
        assertEquals(confirmedAt.toString(), json.at("/purposes/0/confirmedAt").asText());
        assertEquals(1, json.get("pendingConfirmations").size(), "only SMS still waits");

        StoredItem stored = store.find(ConsentTable.receiptPk(c.id()), "RECEIPT").orElseThrow();
        assertNotNull(stored.string(ConsentTable.EMAIL_KEY), "the email is now the receipt's");
        assertNull(stored.string(ConsentTable.PHONE_KEY), "the phone is not, yet");
        assertEquals(
                RetentionPolicy.parse("P24M").expiryFor(confirmedAt).getEpochSecond(),
                stored.number(ConsentTable.EXPIRES_AT),
                "the receipt lives as long as the confirmed purpose");
        assertEquals(
                RetentionPolicy.parse("P24M").expiryFor(confirmedAt).getEpochSecond(),
                store.receiptKey(c.id()).orElseThrow().expiresAt(),
                "and so does its key");

        assertEquals(Optional.empty(), confirmations.confirmByLink(c.id(), token), "used");
        assertEquals(Optional.empty(), confirmations.byLink(c.id(), token), "used");
    }

    @Test
    void wrongExpiredAndMalformedLinksAreAllTheSameEmptyAnswer() {
        Captured c = capture();
        String token = Sent.linkToken(message(c, MessageKind.CONFIRM_EMAIL));
        Captured other = capture();

        assertEquals(Optional.empty(), confirmations.confirmByLink(c.id(), "A".repeat(43)));
        assertEquals(Optional.empty(), confirmations.confirmByLink(other.id(), token));
        assertEquals(Optional.empty(), confirmations.confirmByLink(c.id(), token + "x"));
        assertEquals(Optional.empty(), confirmations.confirmByLink("not-a-receipt", token));
        assertEquals(Optional.empty(), confirmations.confirmByLink(c.id(), null));

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertEquals(Optional.empty(), confirmations.byLink(c.id(), token), "expired");
        assertEquals(Optional.empty(), confirmations.confirmByLink(c.id(), token), "expired");
    }

    @Test
    void theRightCodeConfirmsTheSmsPurposeAndVerifiesThePhone() {
        Captured c = capture();
        byte[] code = Sent.code(message(c, MessageKind.CONFIRM_SMS));

        Receipt receipt = confirmations.confirmByCode(c.id(), c.token(), code).orElseThrow();

        assertEquals(Set.of(PersonalField.PHONE), receipt.verified());
        assertEquals(ConsentStatus.GRANTED, statuses(c).get("marketing-sms").status());
        assertEquals(NOW, statuses(c).get("marketing-sms").confirmedAt());
        assertEquals(
                Optional.empty(), confirmations.confirmByCode(c.id(), c.token(), code), "used");
    }

    @Test
    void aCodeNeedsTheReceiptsTokenToo() {
        Captured c = capture();
        byte[] code = Sent.code(message(c, MessageKind.CONFIRM_SMS));
        assertEquals(Optional.empty(), confirmations.confirmByCode(c.id(), "A".repeat(43), code));
        assertEquals(Optional.empty(), confirmations.confirmByCode(c.id(), null, code));
        assertEquals(ConsentStatus.PENDING_CONFIRMATION, statuses(c).get("marketing-sms").status());
    }

    @Test
    void fiveWrongCodesLockItAndThenEvenTheRightOneIsRefusedSayingSo() {
        Captured c = capture();
        String right = message(c, MessageKind.CONFIRM_SMS).params().get(OutboundMessage.CODE);
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 4; i++) {
            assertEquals(
                    Optional.empty(),
                    confirmations.confirmByCode(c.id(), c.token(), Sent.codeBody(wrong)),
                    "wrong code " + i);
        }
        assertThrows(
                ConfirmationLockedException.class,
                () -> confirmations.confirmByCode(c.id(), c.token(), Sent.codeBody(wrong)),
                "the fifth wrong code locks it");
        assertThrows(
                ConfirmationLockedException.class,
                () -> confirmations.confirmByCode(c.id(), c.token(), Sent.codeBody(right)));
        assertEquals(ConsentStatus.PENDING_CONFIRMATION, statuses(c).get("marketing-sms").status());
    }

    @Test
    void aCodeThatIsNotSixDigitsIsABadRequestNotAGuess() {
        Captured c = capture();
        for (String body : List.of("{\"code\": \"12345\"}", "{}", "{\"code\": 123456}", "[]")) {
            assertThrows(
                    InvalidRequestException.class,
                    () ->
                            confirmations.confirmByCode(
                                    c.id(), c.token(), body.getBytes(StandardCharsets.UTF_8)),
                    body);
        }
        assertEquals(
                0L, store.find("CONFIRMATION#" + c.id(), "SMS").orElseThrow().number("attempts"));
    }

    @Test
    void anUnconfirmedPurposeAndItsFieldsExpireAndNothingOfTheIdentifierStaysOnTheReceipt() {
        Captured c = capture();
        clock.advance(Duration.ofDays(7).plusSeconds(1));

        Map<String, ConsentDecision> now = statuses(c);
        assertEquals(List.of("analytics"), List.copyOf(now.keySet()), "only analytics is left");
        assertTrue(receipts.view(c.id(), c.token()).orElseThrow().maskedSubject().isEmpty());
        StoredItem receipt = store.find(ConsentTable.receiptPk(c.id()), "RECEIPT").orElseThrow();
        assertFalse(receipt.attributes().containsKey(ConsentTable.EMAIL_KEY));
        assertFalse(receipt.attributes().containsKey(ConsentTable.PHONE_KEY));
        // every item that held or points at the address has expired (TTL deletes it)
        for (StoredItem item : store.items.values()) {
            if (item.attributes().containsKey(ConsentTable.SEALED)
                    || item.attributes().containsKey(ConsentTable.EMAIL_KEY)) {
                assertTrue(item.expiredAt(clock.instant()), item.toString());
            }
        }
    }

    @Test
    void withdrawingAPendingPurposeCancelsItAndItsLinkNoLongerConfirms() {
        Captured c = capture();
        String token = Sent.linkToken(message(c, MessageKind.CONFIRM_EMAIL));

        receipts.withdraw(
                c.id(),
                c.token(),
                "{\"purposes\": [\"marketing-email\"]}".getBytes(StandardCharsets.UTF_8));

        assertEquals(ConsentStatus.WITHDRAWN, statuses(c).get("marketing-email").status());
        assertEquals(Optional.empty(), confirmations.confirmByLink(c.id(), token));
        assertFalse(
                store.find(ConsentTable.receiptPk(c.id()), "PURPOSE#marketing-email")
                        .orElseThrow()
                        .attributes()
                        .containsKey(ConsentTable.SEALED),
                "its email is deleted at once");
    }
}
