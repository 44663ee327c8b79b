package dev.consentvault.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.consentvault.core.consent.ConsentStatus;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.purpose.PersonalField;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stored names, written out: the items already in the table and the envelopes bound to them
 * depend on them, so a renamed constant must fail here, not in production.
 */
class ConsentTableSchemaTest {

    private static final Instant AT = Instant.parse("2026-11-29T10:15:30.123Z");
    private static final SubjectKeyPair KEYS = new SubjectKeyPair("e", "p");

    @Test
    void aReceiptKeyIsStoredUnderItsOwnNamesWhereItsWrappingIsBound() {
        ReceiptKeyItem key = new ReceiptKeyItem("r-1", new byte[] {1, 2}, 1_900_000_000L);
        StoredItem item = key.toItem();
        assertEquals("RECEIPT#r-1", item.pk());
        assertEquals("KEY", item.sk());
        assertEquals(Set.of("wrappedKey", "expiresAt"), item.attributes().keySet());
        assertEquals(key.expiresAt(), ReceiptKeyItem.of(item).expiresAt());
        // the wrapped key is bound to exactly this item: moving it elsewhere must not open
        assertEquals(
                new RecordBinding("keys", item.pk(), item.sk(), ReceiptKeyItem.WRAPPED_KEY),
                new ReceiptKeys(
                                Envelope.forTable(new FakeKeyService(), "t", Clock.systemUTC()),
                                "keys")
                        .binding("r-1"));
    }

    @Test
    void aReceiptIsStoredUnderItsOwnNames() {
        ReceiptItem receipt =
                new ReceiptItem(
                        "r-1",
                        "hash",
                        AT,
                        "EU",
                        "es-ES",
                        "v1",
                        "https://shop.example/",
                        "spring",
                        true,
                        List.of("a", "b"),
                        AT,
                        1_900_000_000L,
                        KEYS,
                        Set.of(PersonalField.EMAIL),
                        "9f2c",
                        List.of("b"));
        StoredItem item = receipt.toItem();
        assertEquals("RECEIPT#r-1", item.pk());
        assertEquals("RECEIPT", item.sk());
        assertEquals(
                Set.of(
                        "emailKey",
                        "phoneKey",
                        "tokenHash",
                        "capturedAt",
                        "jurisdiction",
                        "language",
                        "noticeVersion",
                        "sourcePage",
                        "sourceCampaign",
                        "globalPrivacyControl",
                        "purposeIds",
                        "lastWithdrawalAt",
                        "verified",
                        "expiresAt",
                        "noticeSha256",
                        "separateConsents"),
                item.attributes().keySet());
        assertEquals("2026-11-29T10:15:30.123Z", item.string("capturedAt"));
        assertEquals(receipt, ReceiptItem.of(item));
    }

    @Test
    void aReceiptRecordsWhichIdentifiersWereVerifiedAndNoneAtCapture() {
        ReceiptItem atCapture =
                new ReceiptItem(
                        "r-2",
                        "hash",
                        AT,
                        "EU",
                        null,
                        "v1",
                        "page",
                        null,
                        false,
                        List.of("marketing-sms"),
                        null,
                        1_900_000_000L,
                        KEYS,
                        Set.of(),
                        null,
                        List.of());
        assertEquals(false, atCapture.toItem().attributes().containsKey("verified"));
        assertEquals(Set.of(), ReceiptItem.of(atCapture.toItem()).verified());

        ReceiptItem confirmed =
                atCapture.withVerified(PersonalField.PHONE).withVerified(PersonalField.EMAIL);
        assertEquals(List.of("email", "phone"), confirmed.toItem().strings("verified"));
        assertEquals(
                Set.of(PersonalField.EMAIL, PersonalField.PHONE),
                ReceiptItem.of(confirmed.toItem()).verified());
        assertEquals(atCapture.expiresAt(), confirmed.expiresAt());
    }

    @Test
    void aDecisionIsStoredUnderItsOwnNames() {
        byte[] sealed = {1, 2, 3};
        DecisionItem decision =
                new DecisionItem(
                        "r-1",
                        "marketing-email",
                        ConsentStatus.GRANTED,
                        "why",
                        "Emails",
                        "marketing",
                        List.of("email"),
                        List.of("Mailer"),
                        false,
                        "P2Y",
                        AT,
                        AT,
                        1_900_000_000L,
                        KEYS,
                        sealed,
                        null,
                        null);
        StoredItem item = decision.toItem();
        assertEquals("RECEIPT#r-1", item.pk());
        assertEquals("PURPOSE#marketing-email", item.sk());
        assertEquals(
                Set.of(
                        "emailKey",
                        "phoneKey",
                        "purposeId",
                        "status",
                        "reason",
                        "description",
                        "category",
                        "piiCategories",
                        "thirdParties",
                        "saleOrSharing",
                        "retention",
                        "decidedAt",
                        "withdrawnAt",
                        "expiresAt",
                        "sealed"),
                item.attributes().keySet());
        assertEquals("GRANTED", item.string("status"));
        assertEquals(decision, DecisionItem.of(item));
        assertEquals(
                "sealed",
                decision.binding("t").attribute(),
                "the envelope stays bound to the same attribute");
    }

    @Test
    void aMarkerAndTheIndexKeyAreStoredUnderTheirOwnNames() {
        IdempotencyMarker marker =
                new IdempotencyMarker("d", "f", "r-1", new byte[] {1}, 1_900_000_000L, KEYS);
        StoredItem item = marker.toItem();
        assertEquals("IDEMPOTENCY#d", item.pk());
        assertEquals("MARKER", item.sk());
        assertEquals(
                Set.of("emailKey", "phoneKey", "fingerprint", "receiptId", "sealed", "expiresAt"),
                item.attributes().keySet());

        StoredItem config = new IndexKeyItem(new byte[] {9}, AT).toItem();
        assertEquals("CONFIG", config.pk());
        assertEquals("INDEX_KEY", config.sk());
        assertEquals(Set.of("wrappedKey", "createdAt"), config.attributes().keySet());
    }

    @Test
    void absentValuesAreNotStored() {
        StoredItem item =
                new DecisionItem(
                                "r-1",
                                "analytics",
                                ConsentStatus.REFUSED,
                                null,
                                "Analytics",
                                "analytics",
                                List.of(),
                                List.of(),
                                false,
                                "P1Y",
                                AT,
                                null,
                                1_900_000_000L,
                                SubjectKeyPair.NONE,
                                null,
                                null,
                                null)
                        .toItem();
        assertEquals(
                Set.of(
                        "purposeId",
                        "status",
                        "description",
                        "category",
                        "piiCategories",
                        "thirdParties",
                        "saleOrSharing",
                        "retention",
                        "decidedAt",
                        "expiresAt"),
                item.attributes().keySet());
        assertEquals(List.of(), item.attributes().get("piiCategories"), "an empty list is kept");
    }
}
