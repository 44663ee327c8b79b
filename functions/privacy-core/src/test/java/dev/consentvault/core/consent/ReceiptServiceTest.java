package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.crypto.DataKeyCache;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.MutableClock;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConcurrentChangeException;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.StoredItem;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptServiceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TABLE = "consents";
    private static final String KEYS_TABLE = "consent-vault-receipt-keys";
    private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");
    private static final Controller CONTROLLER =
            new Controller(
                    "Cherries Ltd", "privacy@cherries.example", "https://cherries.example/privacy");

    /** email + sms granted, ads refused, analytics granted (no personal data). */
    private static final String MARKETING =
            """
            {"subject": {"email": "Ana.Kowalczyk@Example.com", "phone": "+34 611 222 333"},
             "purposes": {"marketing-email": true, "marketing-sms": true, "personalised-ads": false, "analytics": true},
             "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok", "campaign": "cny-2027"},
             "jurisdiction": "EU", "locale": "es-ES", "ageConfirmed": true}""";

    /**
     * contest (name, email, phone; 90 days) and marketing-email (24 months) granted, analytics
     * refused.
     */
    private static final String CONTEST =
            """
            {"subject": {"email": "ana.kowalczyk@example.com", "phone": "+34611222333", "name": "Anastasia Kowalczyk"},
             "purposes": {"contest-entry": true, "marketing-email": true, "analytics": false},
             "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok"}, "jurisdiction": "EU", "ageConfirmed": true}""";

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeKeyService kms = new FakeKeyService();
    private final FakeConsentStore store = new FakeConsentStore();
    private final Envelope envelope =
            new Envelope(
                    new DataKeyCache(
                            kms, Map.of("service", "consent-vault", "table", TABLE), clock));
    private final Outbox outbox = new Outbox(envelope, TABLE);
    private final ConsentCapture capture =
            new ConsentCapture(
                    PurposeCatalogue.defaults(),
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
                            "https://consent.example.com"));
    private final ReceiptService receipts = service(new DynamoLikeStore(store, 0).store());

    private ReceiptService service(ConsentStore on) {
        return new ReceiptService(
                on,
                new ReceiptKeys(envelope, KEYS_TABLE),
                CONTROLLER,
                TABLE,
                clock,
                RetentionPolicy.parse("P3Y"),
                PurposeCatalogue.defaults().notices());
    }

    /** A captured receipt: its id, its once-shown token and the JSON the capture answered with. */
    private record Captured(String id, String token, ObjectNode response) {}

    /** A capture whose pending purposes the person then confirmed (link and code), at once. */
    private Captured capture(String body) {
        Captured captured = capturePending(body);
        // the tests below count the capture's and their own writes, not the confirmations'
        int writes = store.writes;
        Confirmations confirmations =
                new Confirmations(store, receipts, new SubjectKeys(new byte[32]), clock);
        Sent.message(store, outbox, captured.id(), MessageKind.CONFIRM_EMAIL)
                .ifPresent(
                        m ->
                                assertTrue(
                                        confirmations
                                                .confirmByLink(captured.id(), Sent.linkToken(m))
                                                .isPresent()));
        Sent.message(store, outbox, captured.id(), MessageKind.CONFIRM_SMS)
                .ifPresent(
                        m ->
                                assertTrue(
                                        confirmations
                                                .confirmByCode(
                                                        captured.id(),
                                                        captured.token(),
                                                        Sent.code(m))
                                                .isPresent()));
        store.writes = writes;
        return captured;
    }

    /** A capture as it answered: purposes that contact the person still wait for confirmation. */
    private Captured capturePending(String body) {
        CaptureResult result = capture.capture(body.getBytes(StandardCharsets.UTF_8), null, false);
        ObjectNode json = (ObjectNode) json(result.responseBody());
        return new Captured(result.receiptId(), json.get("receiptToken").asText(), json);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private StoredItem stored(Captured receipt, String sk) {
        return store.find(ConsentTable.receiptPk(receipt.id()), sk)
                .orElseThrow(() -> new AssertionError("no item " + sk));
    }

    private static Map<String, ConsentDecision> byId(Receipt receipt) {
        Map<String, ConsentDecision> byId = new LinkedHashMap<>();
        receipt.purposes().forEach(d -> byId.put(d.purposeId(), d));
        return byId;
    }

    private static List<String> ids(Receipt receipt) {
        return receipt.purposes().stream().map(ConsentDecision::purposeId).toList();
    }

    private static String otherToken() {
        // the same shape as a real token (43 base64url characters), just not this receipt's
        return "A".repeat(43);
    }

    // ---------------------------------------------------------------- view

    @Test
    void theRightTokenSeesTheReceiptAsCapturedWithPersonalDataMasked() {
        Captured captured = capturePending(CONTEST);

        Receipt receipt = receipts.view(captured.id(), captured.token()).orElseThrow();

        assertEquals(captured.id(), receipt.receiptId());
        assertEquals(NOW, receipt.timestamp());
        assertEquals("EU", receipt.jurisdiction());
        assertEquals(CONTROLLER, receipt.controller());
        assertEquals(
                Map.of(
                        PersonalField.EMAIL,
                        "a**@example.com",
                        PersonalField.PHONE,
                        "+34*******33",
                        PersonalField.NAME,
                        "A**"),
                receipt.maskedSubject());
        assertEquals(
                List.of("contest-entry", "marketing-email", "analytics"),
                ids(receipt),
                "capture order");
        assertEquals(
                List.of(
                        ConsentStatus.GRANTED,
                        ConsentStatus.PENDING_CONFIRMATION,
                        ConsentStatus.REFUSED),
                receipt.purposes().stream().map(ConsentDecision::status).toList());
        assertEquals(
                Instant.parse("2026-05-01T10:00:00Z"),
                byId(receipt).get("contest-entry").expiresAt());
        assertTrue(receipt.purposes().stream().allMatch(d -> d.withdrawnAt() == null));

        // the receipt shown later is the one the capture answered with, less the once-shown token
        ObjectNode expected = captured.response().deepCopy();
        expected.remove("receiptToken");
        assertEquals(expected, ReceiptJson.write(receipt));
    }

    @Test
    void viewKeepsTheCaptureOrderOfPurposes() {
        Captured captured = capture(MARKETING);
        Receipt receipt = receipts.view(captured.id(), captured.token()).orElseThrow();
        assertEquals(
                List.of("marketing-email", "marketing-sms", "personalised-ads", "analytics"),
                ids(receipt));
        assertEquals(
                List.of(
                        ConsentStatus.GRANTED,
                        ConsentStatus.GRANTED,
                        ConsentStatus.REFUSED,
                        ConsentStatus.GRANTED),
                receipt.purposes().stream().map(ConsentDecision::status).toList());
        assertEquals(
                Map.of(PersonalField.EMAIL, "a**@example.com", PersonalField.PHONE, "+34*******33"),
                receipt.maskedSubject(),
                "no name was given, none is shown");
    }

    @Test
    void aWrongOrMissingTokenIsTheSameAnswerAsAnUnknownReceipt() {
        Captured mine = capture(MARKETING);
        Captured someoneElses = capture(MARKETING);

        assertEquals(Optional.empty(), receipts.view(mine.id(), otherToken()));
        assertEquals(
                Optional.empty(),
                receipts.view(mine.id(), someoneElses.token()),
                "a token opens only its own receipt");
        assertEquals(Optional.empty(), receipts.view(mine.id(), null));
        assertEquals(Optional.empty(), receipts.view(mine.id(), ""));
        assertEquals(Optional.empty(), receipts.view(mine.id(), mine.token() + "x"));
        assertEquals(Optional.empty(), receipts.view(UUID.randomUUID().toString(), mine.token()));
        // ... while the right pair still works
        assertTrue(receipts.view(mine.id(), mine.token()).isPresent());
        assertTrue(receipts.view(someoneElses.id(), someoneElses.token()).isPresent());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not-a-uuid",
                "",
                "RECEIPT",
                "12345",
                "../RECEIPT",
                "0cf3f3a2-0d4e-4e43-9c56-3b2f3c1e3e4"
            })
    void aReceiptIdThatIsNotAUuidFindsNothing(String id) {
        Captured captured = capture(MARKETING);
        assertEquals(Optional.empty(), receipts.view(id, captured.token()));
        assertEquals(Optional.empty(), receipts.withdraw(id, captured.token(), body("{}")));
        assertEquals(1, store.writes);
    }

    @Test
    void aNullReceiptIdFindsNothing() {
        Captured captured = capture(MARKETING);
        assertEquals(Optional.empty(), receipts.view(null, captured.token()));
    }

    // ---------------------------------------------------------------- withdraw some

    @Test
    void withdrawingOnePurposeDeletesWhatOnlyItNeeded() {
        Captured captured = capture(MARKETING);
        String emailKey = stored(captured, ConsentTable.RECEIPT_SK).string(ConsentTable.EMAIL_KEY);
        clock.advance(Duration.ofDays(10));
        Instant at = Instant.parse("2026-02-10T10:00:00Z");

        Receipt after =
                receipts.withdraw(
                                captured.id(),
                                captured.token(),
                                body("{\"purposes\": [\"marketing-sms\"]}"))
                        .orElseThrow();

        // what the person sees
        ConsentDecision sms = byId(after).get("marketing-sms");
        assertEquals(ConsentStatus.WITHDRAWN, sms.status());
        assertEquals(at, sms.withdrawnAt());
        assertEquals(
                Instant.parse("2029-02-10T10:00:00Z"),
                sms.expiresAt(),
                "the proof lives 3 years from the withdrawal");
        assertEquals(ConsentStatus.GRANTED, byId(after).get("marketing-email").status());
        assertNull(byId(after).get("marketing-email").withdrawnAt());
        assertEquals(ConsentStatus.REFUSED, byId(after).get("personalised-ads").status());
        assertEquals(ConsentStatus.GRANTED, byId(after).get("analytics").status());
        assertEquals(
                List.of("marketing-email", "marketing-sms", "personalised-ads", "analytics"),
                ids(after));
        assertEquals(
                Map.of(PersonalField.EMAIL, "a**@example.com"),
                after.maskedSubject(),
                "the phone number was kept only for text messages");
        assertEquals(
                after,
                receipts.view(captured.id(), captured.token()).orElseThrow(),
                "the answer is the receipt as stored");

        // what is stored
        StoredItem smsItem = stored(captured, "PURPOSE#marketing-sms");
        assertEquals("WITHDRAWN", smsItem.string("status"));
        assertEquals(at.toString(), smsItem.string("withdrawnAt"));
        assertFalse(
                smsItem.attributes().containsKey(ConsentTable.SEALED),
                "the sealed phone number is gone");
        assertEquals(
                Instant.parse("2029-02-10T10:00:00Z").getEpochSecond(),
                smsItem.number(ConsentTable.EXPIRES_AT));
        assertEquals("marketing-sms", smsItem.string("purposeId"), "the decision stays as proof");

        StoredItem receiptItem = stored(captured, ConsentTable.RECEIPT_SK);
        assertFalse(
                receiptItem.attributes().containsKey(ConsentTable.PHONE_KEY),
                "no granted purpose needs the phone");
        assertEquals(
                emailKey,
                receiptItem.string(ConsentTable.EMAIL_KEY),
                "marketing-email still needs the email");
        assertNotNull(stored(captured, "PURPOSE#marketing-email").bytes(ConsentTable.SEALED));
        assertTrue(
                store.receiptKey(captured.id()).isPresent(),
                "the receipt key stays while a granted purpose keeps fields under it");
        assertEquals(
                Instant.parse("2028-01-31T10:00:00Z").getEpochSecond(),
                stored(captured, "PURPOSE#marketing-email").number(ConsentTable.EXPIRES_AT),
                "other decisions are untouched");
        assertEquals(2, store.writes, "one capture, one withdrawal");
    }

    @Test
    void aCopyOfTheSealedFieldsTakenBeforeWithdrawingAllOpensNoMore() {
        Captured captured = capture(MARKETING);
        StoredItem copy = stored(captured, "PURPOSE#marketing-email");
        ReceiptKeys receiptKeys = new ReceiptKeys(envelope, KEYS_TABLE);
        DecisionItem decision = DecisionItem.of(copy);
        java.util.function.Supplier<java.util.Optional<dev.consentvault.core.crypto.ReceiptKey>>
                currentKey =
                        () ->
                                store.receiptKey(captured.id())
                                        .map(
                                                k ->
                                                        receiptKeys.unwrap(
                                                                captured.id(), k.wrappedKey()));
        assertEquals(
                "{\"email\":\"ana.kowalczyk@example.com\"}",
                new String(
                        receiptKeys.open(decision.sealed(), decision.binding(TABLE), currentKey),
                        StandardCharsets.UTF_8),
                "the system's own keys open the copy while the receipt lives");

        receipts.withdraw(captured.id(), captured.token(), body("{}")).orElseThrow();

        assertThrows(
                dev.consentvault.core.crypto.DecryptionFailedException.class,
                () -> receiptKeys.open(decision.sealed(), decision.binding(TABLE), currentKey));
        assertThrows(
                dev.consentvault.core.crypto.DecryptionFailedException.class,
                () -> envelope.open(decision.sealed(), decision.binding(TABLE)),
                "the data key alone never opened it");
    }

    @Test
    void anIdempotentRetryAfterEverythingWasWithdrawnIsAConflictNotTheOldAnswer() {
        String key = "retry-" + UUID.randomUUID();
        CaptureResult first = capture.capture(body(MARKETING), key, false);
        String token = json(first.responseBody()).get("receiptToken").asText();
        assertTrue(capture.capture(body(MARKETING), key, false).replayed());

        receipts.withdraw(first.receiptId(), token, body("{}")).orElseThrow();

        IdempotencyConflictException conflict =
                assertThrows(
                        IdempotencyConflictException.class,
                        () -> capture.capture(body(MARKETING), key, false));
        assertFalse(conflict.getMessage().contains("example.com"));
        assertFalse(conflict.getMessage().contains(token));
    }

    @Test
    void aReceiptSealedBeforeReceiptKeysStillShowsItsMaskedFields() {
        Captured captured = capture(MARKETING);
        StoredItem item = stored(captured, "PURPOSE#marketing-email");
        DecisionItem decision = DecisionItem.of(item);
        // as a capture before receipt keys wrote it: sealed under the data key alone (version 1)
        java.util.Map<String, Object> legacy = new java.util.LinkedHashMap<>(item.attributes());
        legacy.put(
                ConsentTable.SEALED,
                envelope.seal(
                        "{\"email\":\"ana.kowalczyk@example.com\"}"
                                .getBytes(StandardCharsets.UTF_8),
                        decision.binding(TABLE)));
        store.items.put(
                List.of(item.pk(), item.sk()), new StoredItem(item.pk(), item.sk(), legacy));
        store.receiptKeys.clear();
        store.items.remove(List.of(ConsentTable.receiptPk(captured.id()), "PURPOSE#marketing-sms"));

        Receipt receipt = receipts.view(captured.id(), captured.token()).orElseThrow();

        assertEquals(Map.of(PersonalField.EMAIL, "a**@example.com"), receipt.maskedSubject());
    }

    @Test
    void aReceiptWhoseKeyIsAlreadyShreddedShowsNoPersonalData() {
        Captured captured = capture(MARKETING);
        // an erasure deletes the keys first, then the items
        store.deleteReceiptKeys(List.of(captured.id()));

        Receipt receipt = receipts.view(captured.id(), captured.token()).orElseThrow();

        assertEquals(Map.of(), receipt.maskedSubject());
        assertEquals(ConsentStatus.GRANTED, byId(receipt).get("marketing-email").status());
    }

    @Test
    void withdrawingAPurposeKeepsTheIdentifierAnotherGrantedPurposeNeeds() {
        Captured captured = capture(CONTEST);
        String phoneKey = stored(captured, ConsentTable.RECEIPT_SK).string(ConsentTable.PHONE_KEY);
        assertNotNull(phoneKey);

        Receipt after =
                receipts.withdraw(
                                captured.id(),
                                captured.token(),
                                body("{\"purposes\": [\"marketing-email\"]}"))
                        .orElseThrow();

        assertEquals(ConsentStatus.WITHDRAWN, byId(after).get("marketing-email").status());
        StoredItem receiptItem = stored(captured, ConsentTable.RECEIPT_SK);
        assertNotNull(
                receiptItem.string(ConsentTable.EMAIL_KEY), "the contest still needs the email");
        assertEquals(phoneKey, receiptItem.string(ConsentTable.PHONE_KEY));
        assertEquals(
                Map.of(
                        PersonalField.EMAIL,
                        "a**@example.com",
                        PersonalField.PHONE,
                        "+34*******33",
                        PersonalField.NAME,
                        "A**"),
                after.maskedSubject());
    }

    @Test
    void withdrawingAgainChangesNothing() {
        Captured captured = capture(MARKETING);
        clock.advance(Duration.ofDays(10));
        Receipt first =
                receipts.withdraw(
                                captured.id(),
                                captured.token(),
                                body("{\"purposes\": [\"marketing-sms\"]}"))
                        .orElseThrow();
        Map<List<String>, StoredItem> before = new HashMap<>(store.items);
        int writes = store.writes;

        clock.advance(Duration.ofDays(5));
        Receipt again =
                receipts.withdraw(
                                captured.id(),
                                captured.token(),
                                body("{\"purposes\": [\"marketing-sms\"]}"))
                        .orElseThrow();

        assertEquals(writes, store.writes);
        assertEquals(before, store.items);
        assertEquals(first, again);
        assertEquals(
                Instant.parse("2026-02-10T10:00:00Z"),
                byId(again).get("marketing-sms").withdrawnAt(),
                "the first withdrawal's time stands");
    }

    @Test
    void withdrawingARefusedPurposeChangesNothing() {
        Captured captured = capture(MARKETING);

        Receipt after =
                receipts.withdraw(
                                captured.id(),
                                captured.token(),
                                body("{\"purposes\": [\"personalised-ads\"]}"))
                        .orElseThrow();

        assertEquals(ConsentStatus.REFUSED, byId(after).get("personalised-ads").status());
        assertNull(byId(after).get("personalised-ads").withdrawnAt());
        assertEquals(1, store.writes);
    }

    // ---------------------------------------------------------------- withdraw all

    @Test
    void anEmptyObjectWithdrawsEveryGrantedPurposeAndDeletesAllPersonalData() {
        Captured captured = capture(MARKETING);
        clock.advance(Duration.ofDays(1));

        Receipt after =
                receipts.withdraw(captured.id(), captured.token(), body("{}")).orElseThrow();

        Map<String, ConsentDecision> decisions = byId(after);
        for (String id : List.of("marketing-email", "marketing-sms", "analytics")) {
            assertEquals(ConsentStatus.WITHDRAWN, decisions.get(id).status(), id);
            assertEquals(
                    Instant.parse("2026-02-01T10:00:00Z"), decisions.get(id).withdrawnAt(), id);
        }
        assertEquals(
                ConsentStatus.REFUSED,
                decisions.get("personalised-ads").status(),
                "a refusal stays a refusal");
        assertNull(decisions.get("personalised-ads").withdrawnAt());
        assertEquals(
                Instant.parse("2027-02-28T10:00:00Z"),
                decisions.get("personalised-ads").expiresAt(),
                "a refusal keeps its own retention (13 months)");
        assertEquals(Map.of(), after.maskedSubject());

        List<StoredItem> partition = store.partition(ConsentTable.receiptPk(captured.id()));
        assertEquals(5, partition.size(), "the decisions stay as proof");
        assertTrue(
                partition.stream().noneMatch(i -> i.attributes().containsKey(ConsentTable.SEALED)),
                "no sealed personal data is left");
        StoredItem receiptItem = stored(captured, ConsentTable.RECEIPT_SK);
        assertFalse(receiptItem.attributes().containsKey(ConsentTable.EMAIL_KEY));
        assertFalse(receiptItem.attributes().containsKey(ConsentTable.PHONE_KEY));
        assertEquals(
                java.util.Optional.empty(),
                store.receiptKey(captured.id()),
                "the receipt's key is shredded with the rest");
        assertEquals(2, store.writes, "all in one write, the key's deletion included");

        // and again: nothing left to withdraw
        receipts.withdraw(captured.id(), captured.token(), body("{}")).orElseThrow();
        assertEquals(2, store.writes);
    }

    @Test
    void withdrawingAllAfterSomeLeavesEarlierWithdrawalsAsTheyWere() {
        Captured captured = capture(CONTEST);
        clock.advance(Duration.ofDays(1));
        receipts.withdraw(
                        captured.id(),
                        captured.token(),
                        body("{\"purposes\": [\"contest-entry\"]}"))
                .orElseThrow();
        clock.advance(Duration.ofDays(1));

        Receipt after =
                receipts.withdraw(captured.id(), captured.token(), body("{}")).orElseThrow();

        assertEquals(
                Instant.parse("2026-02-01T10:00:00Z"),
                byId(after).get("contest-entry").withdrawnAt());
        assertEquals(
                Instant.parse("2026-02-02T10:00:00Z"),
                byId(after).get("marketing-email").withdrawnAt());
        assertEquals(ConsentStatus.REFUSED, byId(after).get("analytics").status());
        assertTrue(
                store.partition(ConsentTable.receiptPk(captured.id())).stream()
                        .noneMatch(i -> i.attributes().containsKey(ConsentTable.SEALED)));
        assertEquals(3, store.writes);
    }

    // ---------------------------------------------------------------- invalid withdrawals

    private InvalidRequestException invalidWithdrawal(Captured captured, String text) {
        return assertThrows(
                InvalidRequestException.class,
                () -> receipts.withdraw(captured.id(), captured.token(), body(text)));
    }

    private static List<String> fields(InvalidRequestException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void anUnknownKeyIsRefusedByName() {
        Captured captured = capture(MARKETING);
        InvalidRequestException e =
                invalidWithdrawal(
                        captured, "{\"purposes\": [\"marketing-sms\"], \"reason\": \"spam\"}");
        assertEquals(List.of("reason"), fields(e));
        assertFalse(e.getMessage().contains("spam"), "the value is not echoed");
        assertEquals(
                ConsentStatus.GRANTED,
                byId(receipts.view(captured.id(), captured.token()).orElseThrow())
                        .get("marketing-sms")
                        .status(),
                "a refused request withdraws nothing");
        assertEquals(1, store.writes);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"purposes\": []}",
                "{\"purposes\": \"marketing-sms\"}",
                "{\"purposes\": null}",
                "{\"purposes\": {}}"
            })
    void purposesMustBeANonEmptyArray(String text) {
        Captured captured = capture(MARKETING);
        assertEquals(List.of("purposes"), fields(invalidWithdrawal(captured, text)));
        assertEquals(1, store.writes);
    }

    @Test
    void aPurposeThatIsNotOnThisReceiptIsRefusedByItsPosition() {
        Captured captured = capture(MARKETING);
        // in the catalogue, but not on this receipt
        assertEquals(
                List.of("purposes[0]"),
                fields(invalidWithdrawal(captured, "{\"purposes\": [\"contest-entry\"]}")));
        // not in the catalogue at all, and not a string
        assertEquals(
                List.of("purposes[1]", "purposes[2]"),
                fields(
                        invalidWithdrawal(
                                captured,
                                "{\"purposes\": [\"marketing-sms\", \"newsletter\", 7]}")));
        assertEquals(1, store.writes, "one bad purpose stops the whole withdrawal");
        assertEquals(
                ConsentStatus.GRANTED,
                byId(receipts.view(captured.id(), captured.token()).orElseThrow())
                        .get("marketing-sms")
                        .status());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "purposes=marketing-sms",
                "{\"purposes\": [\"marketing-sms\"]",
                "[\"marketing-sms\"]",
                "\"marketing-sms\"",
                "null",
                "{\"purposes\": [\"marketing-sms\"], \"purposes\": []}",
                "{\"purposes\": [\"marketing-sms\"]} {}"
            })
    void aBodyThatIsNotAJsonObjectIsRefused(String text) {
        Captured captured = capture(MARKETING);
        invalidWithdrawal(captured, text);
        assertEquals(1, store.writes);
        assertEquals(
                ConsentStatus.GRANTED,
                byId(receipts.view(captured.id(), captured.token()).orElseThrow())
                        .get("marketing-sms")
                        .status());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"purposes\": [\"marketing-sms\"]}",
                "{\"purposes\": []}",
                "not json",
                "{\"purposes\": [\"contest-entry\"]}"
            })
    void aWrongTokenIsNotFoundWhateverTheBodyAndWritesNothing(String text) {
        Captured captured = capture(MARKETING);
        Map<List<String>, StoredItem> before = new HashMap<>(store.items);

        assertEquals(Optional.empty(), receipts.withdraw(captured.id(), otherToken(), body(text)));
        assertEquals(Optional.empty(), receipts.withdraw(captured.id(), null, body(text)));
        assertEquals(
                Optional.empty(),
                receipts.withdraw(UUID.randomUUID().toString(), captured.token(), body(text)));

        assertEquals(1, store.writes);
        assertEquals(before, store.items);
    }

    // ---------------------------------------------------------------- expiry

    @Test
    void aDecisionPastItsExpiryIsNoLongerShown() {
        Captured captured = capture(CONTEST);
        clock.advance(Duration.ofDays(90).minusSeconds(1));
        assertTrue(
                ids(receipts.view(captured.id(), captured.token()).orElseThrow())
                        .contains("contest-entry"),
                "still live one second before its 90 days end");

        clock.advance(Duration.ofSeconds(1));
        Receipt receipt = receipts.view(captured.id(), captured.token()).orElseThrow();

        assertTrue(
                store.find(ConsentTable.receiptPk(captured.id()), "PURPOSE#contest-entry")
                        .isPresent(),
                "TTL has not deleted it yet");
        assertEquals(List.of("marketing-email", "analytics"), ids(receipt));
        assertFalse(
                receipt.maskedSubject().containsKey(PersonalField.NAME),
                "only the contest kept the name");
        assertFalse(
                receipt.maskedSubject().containsKey(PersonalField.PHONE),
                "only the contest kept the phone");
        assertEquals("a**@example.com", receipt.maskedSubject().get(PersonalField.EMAIL));
    }

    @Test
    void anExpiredDecisionCannotBeWithdrawnAndKeepsNoIdentifierAlive() {
        Captured captured = capture(CONTEST);
        clock.advance(Duration.ofDays(91));

        assertEquals(
                List.of("purposes[0]"),
                fields(invalidWithdrawal(captured, "{\"purposes\": [\"contest-entry\"]}")));

        Receipt after =
                receipts.withdraw(
                                captured.id(),
                                captured.token(),
                                body("{\"purposes\": [\"marketing-email\"]}"))
                        .orElseThrow();
        assertEquals(List.of("marketing-email", "analytics"), ids(after));
        assertEquals(ConsentStatus.WITHDRAWN, byId(after).get("marketing-email").status());
        StoredItem receiptItem = stored(captured, ConsentTable.RECEIPT_SK);
        assertFalse(receiptItem.attributes().containsKey(ConsentTable.EMAIL_KEY));
        assertFalse(
                receiptItem.attributes().containsKey(ConsentTable.PHONE_KEY),
                "the expired contest no longer keeps the phone's subject key");
        assertEquals(Map.of(), after.maskedSubject());
    }

    @Test
    void anExpiredReceiptIsNotFound() {
        Captured captured = capture(CONTEST);
        clock.advance(Duration.ofDays(365 * 2 + 31)); // past 25 months; the receipt lives 24

        assertEquals(Optional.empty(), receipts.view(captured.id(), captured.token()));
        assertEquals(
                Optional.empty(), receipts.withdraw(captured.id(), captured.token(), body("{}")));
        assertEquals(1, store.writes);
    }

    // ---------------------------------------------------------------- concurrency

    /**
     * The shared FakeConsentStore as DynamoDB would answer: a partition comes back in sort-key
     * order (not in the order it was written), and the first withdrawals may be told to fail as if
     * another request got there first. A proxy, so it keeps up with whatever else the port grows.
     */
    private static final class DynamoLikeStore {
        final FakeConsentStore delegate;
        int conflictsLeft;
        Runnable beforeConflict = () -> {};
        int withdrawalAttempts;

        DynamoLikeStore(FakeConsentStore delegate, int conflicts) {
            this.delegate = delegate;
            this.conflictsLeft = conflicts;
        }

        ConsentStore store() {
            return (ConsentStore)
                    Proxy.newProxyInstance(
                            ConsentStore.class.getClassLoader(),
                            new Class<?>[] {ConsentStore.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("writeWithdrawal")) {
                                    withdrawalAttempts++;
                                    if (conflictsLeft > 0) {
                                        conflictsLeft--;
                                        beforeConflict.run();
                                        throw new ConcurrentChangeException();
                                    }
                                }
                                if (method.getName().equals("partition")) {
                                    return delegate.partition((String) args[0]).stream()
                                            .sorted(java.util.Comparator.comparing(StoredItem::sk))
                                            .toList();
                                }
                                try {
                                    return method.invoke(delegate, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
        }
    }

    @Test
    void aConcurrentChangeIsRetried() {
        Captured captured = capture(MARKETING);
        DynamoLikeStore racing = new DynamoLikeStore(store, 1);

        Receipt after =
                service(racing.store())
                        .withdraw(
                                captured.id(),
                                captured.token(),
                                body("{\"purposes\": [\"marketing-sms\"]}"))
                        .orElseThrow();

        assertEquals(2, racing.withdrawalAttempts);
        assertEquals(ConsentStatus.WITHDRAWN, byId(after).get("marketing-sms").status());
        assertEquals("WITHDRAWN", stored(captured, "PURPOSE#marketing-sms").string("status"));
        assertEquals(2, store.writes);
    }

    @Test
    void aRetryReadsAgainAndWithdrawsOnlyWhatIsStillGranted() {
        Captured captured = capture(MARKETING);
        DynamoLikeStore racing = new DynamoLikeStore(store, 1);
        Instant earlier = NOW.plusSeconds(60);
        // another request withdraws marketing-email just before our write lands
        racing.beforeConflict =
                () -> {
                    clock.advance(Duration.ofSeconds(60));
                    receipts.withdraw(
                            captured.id(),
                            captured.token(),
                            body("{\"purposes\": [\"marketing-email\"]}"));
                    clock.advance(Duration.ofSeconds(60));
                };

        Receipt after =
                service(racing.store())
                        .withdraw(captured.id(), captured.token(), body("{}"))
                        .orElseThrow();

        assertEquals(2, racing.withdrawalAttempts);
        assertEquals(
                earlier,
                byId(after).get("marketing-email").withdrawnAt(),
                "the other request's withdrawal stands");
        assertEquals(NOW.plusSeconds(120), byId(after).get("marketing-sms").withdrawnAt());
        assertEquals(ConsentStatus.WITHDRAWN, byId(after).get("analytics").status());
        assertEquals(ConsentStatus.REFUSED, byId(after).get("personalised-ads").status());
        StoredItem receiptItem = stored(captured, ConsentTable.RECEIPT_SK);
        assertFalse(receiptItem.attributes().containsKey(ConsentTable.EMAIL_KEY));
        assertFalse(receiptItem.attributes().containsKey(ConsentTable.PHONE_KEY));
        assertEquals(3, store.writes, "capture, the other withdrawal, ours");
    }

    @Test
    void aChangeThatKeepsConflictingGivesUpAfterAFewAttempts() {
        Captured captured = capture(MARKETING);
        DynamoLikeStore racing = new DynamoLikeStore(store, Integer.MAX_VALUE);

        assertThrows(
                ConcurrentChangeException.class,
                () ->
                        service(racing.store())
                                .withdraw(
                                        captured.id(),
                                        captured.token(),
                                        body("{\"purposes\": [\"marketing-sms\"]}")));
        assertTrue(
                racing.withdrawalAttempts > 1 && racing.withdrawalAttempts <= 5,
                "retried a few times, not forever: " + racing.withdrawalAttempts);
        assertEquals(1, store.writes);
        assertNotEquals("WITHDRAWN", stored(captured, "PURPOSE#marketing-sms").string("status"));
    }
}
