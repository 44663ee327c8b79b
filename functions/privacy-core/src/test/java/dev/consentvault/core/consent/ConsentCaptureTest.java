package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.crypto.DataKeyCache;
import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.MutableClock;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.OutboundMessage;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.notify.OutboxItem;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.StoredItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentCaptureTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TABLE = "consents";
    private static final String KEYS_TABLE = "consent-vault-receipt-keys";
    private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");
    private static final String KEY = "6f1c2a4e-9b1d-4c55-8d1e-0f3b7a9e2c11";
    private static final List<String> PII =
            List.of(
                    "ana.kowalczyk@example.com",
                    "kowalczyk",
                    "+34611222333",
                    "611222333",
                    "611 222 333",
                    "Anastasia");

    private static final String MARKETING =
            """
            {"subject": {"email": "Ana.Kowalczyk@Example.com", "phone": "+34 611 222 333"},
             "purposes": {"marketing-email": true, "marketing-sms": true, "personalised-ads": false, "analytics": true},
             "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok", "campaign": "cny-2027"},
             "jurisdiction": "EU", "locale": "es-ES", "ageConfirmed": true}""";
    private static final String CONTEST =
            """
            {"subject": {"email": "ana.kowalczyk@example.com", "phone": "+34611222333", "name": "Anastasia Kowalczyk"},
             "purposes": {"contest-entry": true, "marketing-email": true, "analytics": false},
             "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok"}, "jurisdiction": "EU", "ageConfirmed": true}""";
    private static final String ADS =
            """
            {"subject": {"email": "ana.kowalczyk@example.com"},
             "purposes": {"marketing-email": true, "personalised-ads": true},
             "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok"}, "jurisdiction": "US-CA", "ageConfirmed": true}""";

    private final PurposeCatalogue catalogue = PurposeCatalogue.defaults();
    private final FakeKeyService kms = new FakeKeyService();
    private final MutableClock clock = new MutableClock(NOW);
    private final FakeConsentStore store = new FakeConsentStore();
    private final Envelope envelope =
            new Envelope(
                    new DataKeyCache(
                            kms, Map.of("service", "consent-vault", "table", TABLE), clock));
    private final ConsentCapture capture =
            new ConsentCapture(
                    catalogue,
                    Jurisdictions.standard(),
                    store,
                    new ReceiptKeys(envelope, KEYS_TABLE),
                    new SubjectKeys(new byte[32]),
                    new Controller(
                            "Cherries Ltd",
                            "privacy@cherries.example",
                            "https://cherries.example/privacy"),
                    TABLE,
                    clock,
                    new DoubleOptIn(
                            new Outbox(envelope, TABLE),
                            Duration.ofDays(7),
                            "https://consent.example.com"));

    private CaptureResult capture(String body, String idempotencyKey, boolean gpc) {
        return capture.capture(body.getBytes(StandardCharsets.UTF_8), idempotencyKey, gpc);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, JsonNode> purposesById(JsonNode receipt) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        receipt.get("purposes").forEach(p -> byId.put(p.get("purposeId").asText(), p));
        return byId;
    }

    private StoredItem stored(String receiptId, String sk) {
        return store.find(ConsentTable.receiptPk(receiptId), sk)
                .orElseThrow(() -> new AssertionError("no item " + sk));
    }

    private JsonNode openSealed(StoredItem item) {
        String receiptId = item.pk().substring(ConsentTable.RECEIPT_PK_PREFIX.length());
        ReceiptKeys receiptKeys = new ReceiptKeys(envelope, KEYS_TABLE);
        return json(
                receiptKeys.open(
                        item.bytes(ConsentTable.SEALED),
                        new RecordBinding(TABLE, item.pk(), item.sk(), ConsentTable.SEALED),
                        () ->
                                store.receiptKey(receiptId)
                                        .map(k -> receiptKeys.unwrap(receiptId, k.wrappedKey()))));
    }

    @Test
    void eachReceiptsFieldsAreSealedUnderAKeyOfItsOwnWrittenInTheSameWriteWithoutKms() {
        capture(MARKETING, null, false);
        int kmsAfterFirst = kms.generateCalls() + kms.decryptCalls();
        CaptureResult one = capture(MARKETING, null, false);
        CaptureResult two = capture(MARKETING, null, false);

        assertEquals(3, store.writes, "one write per capture, its key included");
        assertEquals(
                kmsAfterFirst,
                kms.generateCalls() + kms.decryptCalls(),
                "no KMS call per capture: the cached data key wraps the receipt keys");
        byte[] keyOne = store.receiptKey(one.receiptId()).orElseThrow().wrappedKey();
        byte[] keyTwo = store.receiptKey(two.receiptId()).orElseThrow().wrappedKey();
        assertFalse(java.util.Arrays.equals(keyOne, keyTwo));
        assertTrue(
                store.items.keySet().stream().noneMatch(k -> k.get(1).equals("KEY")),
                "the key lives in its own table, never beside the ciphertexts");
        StoredItem sealed = stored(one.receiptId(), "PURPOSE#marketing-email");
        assertEquals(ReceiptKeys.VERSION, sealed.bytes(ConsentTable.SEALED)[0]);
        assertThrows(
                DecryptionFailedException.class,
                () ->
                        envelope.open(
                                sealed.bytes(ConsentTable.SEALED),
                                new RecordBinding(
                                        TABLE, sealed.pk(), sealed.sk(), ConsentTable.SEALED)),
                "the data key alone does not open it");
        assertEquals("ana.kowalczyk@example.com", openSealed(sealed).get("email").asText());
        // the receipt key expires with the receipt
        assertEquals(
                stored(one.receiptId(), ConsentTable.RECEIPT_SK).number(ConsentTable.EXPIRES_AT),
                store.receiptKey(one.receiptId()).orElseThrow().expiresAt());
    }

    /** Every value of an item as text; byte[] decoded, lists and maps walked. */
    private static Stream<String> texts(Object value) {
        if (value instanceof byte[] bytes) {
            return Stream.of(
                    new String(bytes, StandardCharsets.UTF_8),
                    new String(bytes, StandardCharsets.ISO_8859_1));
        }
        if (value instanceof Map<?, ?> map) {
            return Stream.concat(
                    map.keySet().stream().map(String::valueOf),
                    map.values().stream().flatMap(ConsentCaptureTest::texts));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().flatMap(ConsentCaptureTest::texts);
        }
        return Stream.of(String.valueOf(value));
    }

    private Stream<String> everythingStored() {
        return store.items.values().stream()
                .flatMap(
                        item ->
                                Stream.concat(
                                        Stream.of(item.pk(), item.sk()), texts(item.attributes())));
    }

    @Test
    void aCaptureAnswersWithAReceiptAndAOnceShownToken() {
        CaptureResult result = capture(MARKETING, null, false);
        JsonNode receipt = json(result.responseBody());

        assertFalse(result.replayed());
        assertEquals(result.receiptId(), receipt.get("receiptId").asText());
        assertTrue(
                receipt.get("receiptToken").asText().matches("[A-Za-z0-9_-]{43}"),
                receipt.get("receiptToken").asText());
        assertEquals(NOW.toString(), receipt.get("timestamp").asText());
        assertEquals("EU", receipt.get("jurisdiction").asText());
        assertEquals("cherries-tiktok", receipt.at("/collectionMethod/page").asText());
        assertEquals("Cherries Ltd", receipt.at("/controller/name").asText());
        assertFalse(receipt.get("globalPrivacyControl").asBoolean());

        Map<String, JsonNode> purposes = purposesById(receipt);
        assertEquals(
                List.of("marketing-email", "marketing-sms", "personalised-ads", "analytics"),
                List.copyOf(purposes.keySet()));
        // double opt-in: the purposes that contact the person wait for confirmation, 7 days
        assertEquals(
                "PENDING_CONFIRMATION", purposes.get("marketing-email").get("status").asText());
        assertEquals("email", purposes.get("marketing-email").get("confirmBy").asText());
        assertEquals("PENDING_CONFIRMATION", purposes.get("marketing-sms").get("status").asText());
        assertEquals("sms", purposes.get("marketing-sms").get("confirmBy").asText());
        assertEquals("REFUSED", purposes.get("personalised-ads").get("status").asText());
        assertNull(purposes.get("personalised-ads").get("reason"));
        assertEquals("GRANTED", purposes.get("analytics").get("status").asText());
        assertEquals(
                "2026-02-07T10:00:00Z", purposes.get("marketing-email").get("expiresAt").asText());
        assertEquals(0, receipt.get("verified").size());
        JsonNode pending = receipt.get("pendingConfirmations");
        assertEquals(2, pending.size());
        assertEquals("email", pending.get(0).get("channel").asText());
        assertEquals("a**@example.com", pending.get(0).get("sentTo").asText());
        // the page was shown in es-ES: the "check your inbox" notice speaks the receipt's language
        assertEquals("es", receipt.get("language").asText());
        assertEquals(
                "Revise su correo: le enviamos un enlace de confirmación a a**@example.com. No se le"
                        + " enviará nada para estos fines hasta que lo abra y confirme.",
                pending.get(0).get("notice").asText());
        assertEquals("sms", pending.get(1).get("channel").asText());
        assertTrue(
                pending.get(1)
                        .get("notice")
                        .asText()
                        .startsWith("Revise su teléfono: le enviamos un código de 6 dígitos a +34"),
                pending.get(1).get("notice").asText());
        assertEquals("[\"marketing-sms\"]", pending.get(1).get("purposes").toString());
        assertEquals("explicit", purposes.get("marketing-sms").get("consentType").asText());

        assertEquals("a**@example.com", receipt.at("/piiPrincipal/email").asText());
        assertEquals("+34*******33", receipt.at("/piiPrincipal/phone").asText());
        String text = new String(result.responseBody(), StandardCharsets.UTF_8);
        PII.forEach(pii -> assertFalse(text.contains(pii), "receipt shows " + pii));
    }

    @Test
    void theReceiptAndOneItemPerPurposeAreWrittenInOneRequest() {
        CaptureResult result = capture(MARKETING, null, false);
        String token = json(result.responseBody()).get("receiptToken").asText();

        assertEquals(1, store.writes);
        assertEquals(
                5 + 2 + 2,
                store.items.size(),
                "receipt, four decisions, and for email and SMS a confirmation and its message");
        StoredItem receipt = stored(result.receiptId(), ConsentTable.RECEIPT_SK);
        assertEquals("RECEIPT#" + result.receiptId(), receipt.pk());
        assertEquals(ConsentCapture.sha256(token), receipt.string("tokenHash"));
        assertTrue(
                everythingStored().noneMatch(text -> text.contains(token)),
                "the token is stored only as a hash");
        // identifiers only unconfirmed purposes need are not the receipt's (yet)
        assertNull(receipt.string(ConsentTable.EMAIL_KEY));
        assertNull(receipt.string(ConsentTable.PHONE_KEY));
        assertNotNull(
                stored(result.receiptId(), "PURPOSE#marketing-email")
                        .string(ConsentTable.EMAIL_KEY));
        assertEquals(
                catalogue
                        .find("analytics")
                        .orElseThrow()
                        .retention()
                        .expiryFor(NOW)
                        .getEpochSecond(),
                receipt.number(ConsentTable.EXPIRES_AT),
                "the receipt lives as long as its longest purpose (analytics, 13 months)");

        for (String purposeId : List.of("personalised-ads", "analytics")) {
            StoredItem item = stored(result.receiptId(), "PURPOSE#" + purposeId);
            Instant expiry = catalogue.find(purposeId).orElseThrow().retention().expiryFor(NOW);
            assertEquals(expiry.getEpochSecond(), item.number(ConsentTable.EXPIRES_AT), purposeId);
        }
        for (String purposeId : List.of("marketing-email", "marketing-sms")) {
            assertEquals(
                    NOW.plus(Duration.ofDays(7)).getEpochSecond(),
                    stored(result.receiptId(), "PURPOSE#" + purposeId)
                            .number(ConsentTable.EXPIRES_AT),
                    purposeId + " expires unless confirmed within 7 days");
        }
        Set<String> sealed = new java.util.TreeSet<>();
        store.items.values().stream()
                .filter(i -> i.pk().startsWith("RECEIPT#"))
                .filter(i -> i.attributes().containsKey(ConsentTable.SEALED))
                .forEach(i -> sealed.add(i.sk()));
        assertEquals(
                Set.of("PURPOSE#marketing-email", "PURPOSE#marketing-sms"),
                sealed,
                "only granted purposes that need personal data hold any");
        assertEquals(
                "{\"email\":\"ana.kowalczyk@example.com\"}",
                openSealed(stored(result.receiptId(), "PURPOSE#marketing-email")).toString());
        assertEquals(
                "{\"phone\":\"+34611222333\"}",
                openSealed(stored(result.receiptId(), "PURPOSE#marketing-sms")).toString());
    }

    @Test
    void eachPendingChannelGetsOneSealedMessageAndAConfirmationThatHoldsOnlyAHash() {
        CaptureResult result = capture(MARKETING, null, false);
        Outbox outbox = new Outbox(envelope, TABLE);
        List<OutboundMessage> messages =
                store.items.values().stream()
                        .filter(OutboxItem::is)
                        .map(i -> outbox.open(OutboxItem.of(i)))
                        .sorted(java.util.Comparator.comparing(OutboundMessage::channel))
                        .toList();
        assertEquals(2, messages.size());
        OutboundMessage email = messages.get(0);
        assertEquals(MessageKind.CONFIRM_EMAIL, email.kind());
        assertEquals("ana.kowalczyk@example.com", email.to());
        assertEquals("es-ES", email.locale());
        String link = email.params().get(OutboundMessage.LINK);
        assertTrue(
                link.matches(
                        "https://consent\\.example\\.com/v1/receipts/"
                                + result.receiptId()
                                + "/confirmations/[A-Za-z0-9_-]{43}"),
                link);
        assertEquals("10080", email.params().get(OutboundMessage.EXPIRES_IN_MINUTES));
        OutboundMessage sms = messages.get(1);
        assertEquals(MessageKind.CONFIRM_SMS, sms.kind());
        assertEquals("+34611222333", sms.to());
        String code = sms.params().get(OutboundMessage.CODE);
        assertTrue(code.matches("[0-9]{6}"), code);

        String token = link.substring(link.lastIndexOf('/') + 1);
        assertTrue(
                everythingStored().noneMatch(t -> t.contains(token) || t.equals(code)),
                "the link and the code are stored only hashed (and sealed in the message)");
        StoredItem confirmation =
                store.find("CONFIRMATION#" + result.receiptId(), "SMS").orElseThrow();
        assertEquals(List.of("marketing-sms"), confirmation.strings("purposeIds"));
        assertEquals(0L, confirmation.number("attempts"));
        assertNotNull(confirmation.string(ConsentTable.PHONE_KEY), "an erasure finds it");
    }

    @Test
    void nothingPersonalIsStoredInClear() {
        CaptureResult result = capture(CONTEST, KEY, false);
        assertEquals(
                7,
                store.items.size(),
                "receipt, three decisions, the idempotency marker, the email confirmation and its"
                        + " message");
        everythingStored()
                .forEach(
                        text ->
                                PII.forEach(
                                        pii ->
                                                assertFalse(
                                                        text.toLowerCase()
                                                                .contains(pii.toLowerCase()),
                                                        () -> "stored in clear: " + pii)));
        // ... and yet it is there, sealed, for the purpose that needs it
        JsonNode contest = openSealed(stored(result.receiptId(), "PURPOSE#contest-entry"));
        assertEquals("Anastasia Kowalczyk", contest.get("name").asText());
        assertEquals("+34611222333", contest.get("phone").asText());
        assertEquals("A**", json(result.responseBody()).at("/piiPrincipal/name").asText());
    }

    @Test
    void globalPrivacyControlRefusesSaleOrSharing() {
        CaptureResult result = capture(ADS, null, true);
        JsonNode receipt = json(result.responseBody());
        assertTrue(receipt.get("globalPrivacyControl").asBoolean());
        JsonNode ads = purposesById(receipt).get("personalised-ads");
        assertEquals("REFUSED", ads.get("status").asText());
        assertEquals("gpc", ads.get("reason").asText());
        assertTrue(ads.get("reasonText").asText().contains("Global Privacy Control"));
        assertEquals(
                "PENDING_CONFIRMATION",
                purposesById(receipt).get("marketing-email").get("status").asText());

        StoredItem adsItem = stored(result.receiptId(), "PURPOSE#personalised-ads");
        assertEquals("REFUSED", adsItem.string("status"));
        assertEquals("gpc", adsItem.string("reason"));
        assertFalse(
                adsItem.attributes().containsKey(ConsentTable.SEALED),
                "nothing is kept for a refused purpose");
    }

    @Test
    void globalPrivacyControlIsRecordedAsTheReasonEvenWhenThePageDidNotAsk() {
        // a page that honours GPC does not ask for personalised ads at all; the proof still names
        // GPC
        CaptureResult result =
                capture(
                        MARKETING.replace(
                                "\"personalised-ads\": false", "\"personalised-ads\": false"),
                        null,
                        true);
        JsonNode ads = purposesById(json(result.responseBody())).get("personalised-ads");
        assertEquals("REFUSED", ads.get("status").asText());
        assertEquals("gpc", ads.get("reason").asText());
        assertEquals(
                "gpc", stored(result.receiptId(), "PURPOSE#personalised-ads").string("reason"));
        assertFalse(
                purposesById(json(result.responseBody())).get("marketing-sms").has("reason"),
                "GPC says nothing about purposes that do not sell or share");
    }

    @Test
    void withoutGlobalPrivacyControlSaleOrSharingCanBeGranted() {
        CaptureResult result = capture(ADS, null, false);
        JsonNode ads = purposesById(json(result.responseBody())).get("personalised-ads");
        assertEquals("GRANTED", ads.get("status").asText());
        assertNull(ads.get("reason"));
        assertTrue(
                stored(result.receiptId(), "PURPOSE#personalised-ads")
                        .attributes()
                        .containsKey(ConsentTable.SEALED));
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheSameReceiptAndWritesNothing() {
        CaptureResult first = capture(MARKETING, KEY, false);
        Map<List<String>, StoredItem> before = new HashMap<>(store.items);

        CaptureResult retry = capture(MARKETING, KEY, false);
        assertTrue(retry.replayed());
        assertEquals(first.receiptId(), retry.receiptId());
        assertEquals(
                json(first.responseBody()).get("receiptToken"),
                json(retry.responseBody()).get("receiptToken"));
        assertArrayEquals(first.responseBody(), retry.responseBody());
        assertEquals(1, store.writes);
        assertEquals(before, store.items);
    }

    @Test
    void aRetryWithOtherSpacingAndKeyOrderIsTheSameRequest() {
        CaptureResult first = capture(MARKETING, KEY, false);
        String reordered =
                """
                {"ageConfirmed":true,"locale":"es-ES","jurisdiction":"EU","source":{"campaign":"cny-2027","page":"cherries-tiktok"},
                 "noticeVersion":"2026-11-01","purposes":{"analytics":true,"personalised-ads":false,
                 "marketing-sms":true,"marketing-email":true},
                 "subject":{"phone":"+34 611 222 333","email":"Ana.Kowalczyk@Example.com"}}""";
        CaptureResult retry = capture(reordered, KEY, false);
        assertTrue(retry.replayed());
        assertEquals(first.receiptId(), retry.receiptId());
        assertEquals(5 + 4 + 1, store.items.size(), "one capture, one marker, nothing sent twice");
    }

    @Test
    void theSameKeyWithADifferentRequestIsAConflict() {
        capture(MARKETING, KEY, false);
        int items = store.items.size();
        assertThrows(
                IdempotencyConflictException.class,
                () -> capture(MARKETING.replace("cny-2027", "cny-2028"), KEY, false));
        assertThrows(
                IdempotencyConflictException.class,
                () ->
                        capture(
                                MARKETING.replace("\"analytics\": true", "\"analytics\": false"),
                                KEY,
                                false));
        assertThrows(IdempotencyConflictException.class, () -> capture(MARKETING, KEY, true));
        assertEquals(1, store.writes);
        assertEquals(items, store.items.size());
    }

    @Test
    void anIdempotencyKeyIsForgottenAfterItsWindow() {
        CaptureResult first = capture(MARKETING, KEY, false);
        clock.advance(ConsentCapture.IDEMPOTENCY_WINDOW.plusSeconds(1));
        CaptureResult later = capture(MARKETING, KEY, false);
        assertFalse(later.replayed());
        assertNotEquals(first.receiptId(), later.receiptId());
        assertEquals(2, store.writes);
    }

    @Test
    void withoutAnIdempotencyKeyEachCaptureIsANewReceipt() {
        CaptureResult first = capture(MARKETING, null, false);
        CaptureResult second = capture(MARKETING, null, false);
        assertNotEquals(first.receiptId(), second.receiptId());
        assertEquals(2 * 9, store.items.size());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "short",
                "",
                "has spaces in it",
                "ключ-идемпотентности",
                "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                        + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                        + "01234567890123456789012345678901234567890123456789012345"
            })
    void anInvalidIdempotencyKeyIsRefusedBeforeAnythingHappens(String key) {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> capture(MARKETING, key, false));
        assertEquals(
                List.of("Idempotency-Key"), e.errors().stream().map(FieldError::field).toList());
        assertEquals(0, store.writes);
        assertEquals(0, kms.generateCalls());
    }

    @Test
    void anInvalidRequestWritesNothingAndCallsNoKeyService() {
        assertThrows(
                InvalidRequestException.class,
                () ->
                        capture(
                                MARKETING.replace("\"analytics\": true", "\"analytics\": \"yes\""),
                                KEY,
                                false));
        assertEquals(0, store.writes);
        assertEquals(0, kms.generateCalls() + kms.decryptCalls());
    }

    @Test
    void manyCapturesShareOneDataKeyAndCostOneWriteEach() {
        for (int i = 0; i < 200; i++) {
            capture(MARKETING, KEY + "-" + i, false);
        }
        assertEquals(200, store.writes);
        assertEquals(1, kms.generateCalls());
        assertEquals(0, kms.decryptCalls());
    }

    private static String body(String jurisdiction, String purposes, String age) {
        return "{\"subject\": {\"email\": \"ana@example.com\"}, \"purposes\": "
                + purposes
                + ", \"noticeVersion\": \"2026-11-01\", \"source\": {\"page\": \"p\"},"
                + " \"jurisdiction\": \""
                + jurisdiction
                + "\""
                + (age == null ? "" : ", \"ageConfirmed\": " + age)
                + "}";
    }

    private static final String EMAIL_AND_ADS =
            "{\"marketing-email\": true, \"personalised-ads\": true}";

    @Test
    void underFourteenInChinaEveryPurposeIsRefusedAndNothingPersonalIsKept() {
        JsonNode receipt =
                json(
                        capture(
                                        body("CN", EMAIL_AND_ADS, "false")
                                                .replace(
                                                        "\"jurisdiction\"",
                                                        "\"separateConsents\":"
                                                                + " {\"personalised-ads\": true},"
                                                                + " \"jurisdiction\""),
                                        null,
                                        false)
                                .responseBody());
        assertTrue(receipt.get("guardianConsentRequired").asBoolean());
        for (JsonNode p : receipt.get("purposes")) {
            assertEquals("REFUSED", p.get("status").asText());
            assertEquals("under-age", p.get("reason").asText());
            assertTrue(p.get("reasonText").asText().contains("parent or guardian"));
        }
        assertTrue(receipt.get("piiPrincipal").isEmpty());
        assertTrue(everythingStored().noneMatch(t -> t.toLowerCase().contains("ana@example.com")));
        assertTrue(
                store.items.values().stream()
                        .noneMatch(i -> i.attributes().containsKey(ConsentTable.SEALED)));
    }

    @Test
    void inCaliforniaTheAgeCoversSaleOrSharingOnly() {
        Map<String, JsonNode> purposes =
                purposesById(
                        json(
                                capture(body("US-CA", EMAIL_AND_ADS, "false"), null, false)
                                        .responseBody()));
        assertEquals(
                "PENDING_CONFIRMATION", purposes.get("marketing-email").get("status").asText());
        assertEquals("REFUSED", purposes.get("personalised-ads").get("status").asText());
        assertEquals("under-age", purposes.get("personalised-ads").get("reason").asText());
        // without a sale/sharing purpose California asks for no attestation
        JsonNode noAds =
                json(
                        capture(body("US-CA", "{\"marketing-email\": true}", null), null, false)
                                .responseBody());
        assertEquals("PENDING_CONFIRMATION", noAds.get("purposes").get(0).get("status").asText());
    }

    @ParameterizedTest(name = "{0} asks for {1}")
    @CsvSource({"EU, 16", "ES, 14", "FR, 15", "GB, 13", "CN, 14", "US-CA, 16"})
    void withoutTheAttestationTheCaptureIsRefusedNamingTheAge(String code, int age) {
        InvalidRequestException e =
                assertThrows(
                        InvalidRequestException.class,
                        () -> capture(body(code, EMAIL_AND_ADS, null), null, false));
        assertEquals("ageConfirmed", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains(age + " or older"), e.errors()::toString);
        assertTrue(store.items.isEmpty());
    }

    @Test
    void chileAsksForTheAgeFromTheFirstOfDecember2026() {
        clock.advance(Duration.between(NOW, Instant.parse("2026-11-30T12:00:00Z")));
        InvalidRequestException before =
                assertThrows(
                        InvalidRequestException.class,
                        () -> capture(body("CL", EMAIL_AND_ADS, "true"), null, false));
        assertTrue(before.errors().get(0).message().contains("sets no age"));
        capture(body("CL", EMAIL_AND_ADS, null), null, false);
        clock.advance(Duration.ofDays(1));
        InvalidRequestException after =
                assertThrows(
                        InvalidRequestException.class,
                        () -> capture(body("CL", EMAIL_AND_ADS, null), null, false));
        assertTrue(after.errors().get(0).message().contains("14 or older"));
    }

    @Test
    void anUnsupportedJurisdictionIsRefusedListingTheSupportedOnes() {
        InvalidRequestException e =
                assertThrows(
                        InvalidRequestException.class,
                        () -> capture(body("US-NY", EMAIL_AND_ADS, "true"), null, false));
        assertEquals("jurisdiction", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("BR, CL, CN"), e.errors()::toString);
        assertTrue(e.errors().get(0).message().contains("US-CA"));
        assertTrue(store.items.isEmpty());
    }

    @Test
    void aConfiguredFallbackAnswersForUnsupportedCodes() {
        ConsentCapture withFallback =
                new ConsentCapture(
                        catalogue,
                        Jurisdictions.standard().withFallback("EU"),
                        store,
                        new ReceiptKeys(envelope, KEYS_TABLE),
                        new SubjectKeys(new byte[32]),
                        new Controller("C", "c@example.com", "https://c.example"),
                        TABLE,
                        clock,
                        new DoubleOptIn(
                                new Outbox(envelope, TABLE),
                                Duration.ofDays(7),
                                "https://consent.example.com"));
        JsonNode receipt =
                json(
                        withFallback
                                .capture(
                                        body("US-NY", EMAIL_AND_ADS, "true")
                                                .getBytes(StandardCharsets.UTF_8),
                                        null,
                                        false)
                                .responseBody());
        assertEquals("US-NY", receipt.get("jurisdiction").asText());
    }
}
