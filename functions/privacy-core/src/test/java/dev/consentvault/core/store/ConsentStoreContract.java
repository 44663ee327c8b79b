package dev.consentvault.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.consent.ConsentStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConsentStore} must do, run against the in-memory fake (a unit test) and
 * DynamoDB on the local cloud (an integration test), so the fake the domain's tests rely on cannot
 * drift from the real table. Each scenario uses fresh ids, so a shared table is fine.
 */
public abstract class ConsentStoreContract {

    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30.123Z");
    private static final long IN_A_YEAR = NOW.plusSeconds(365 * 86_400L).getEpochSecond();

    private ConsentStore store;

    /** A store over an empty table, or one where the ids a scenario makes up are unused. */
    protected abstract ConsentStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @Test
    void aCaptureWritesTheReceiptItsDecisionsAndItsMarkerAndReadsThemBackUnchanged() {
        Capture capture = capture(new SubjectKeyPair(key(), key()));
        IdempotencyMarker marker = marker(capture, NOW.plusSeconds(86_400).getEpochSecond());

        store.writeCapture(capture.items(), marker.toItem(), null, NOW);

        List<StoredItem> partition = store.partition(capture.receipt.pk());
        assertEquals(3, partition.size(), "the receipt and its two decisions");
        assertSameItems(capture.items(), partition);
        assertEquals(
                capture.receipt,
                ReceiptItem.of(store.find(capture.receipt.pk(), ConsentTable.RECEIPT_SK).get()));
        DecisionItem ads = DecisionItem.of(store.find(capture.ads.pk(), capture.ads.sk()).get());
        assertArrayEquals(capture.ads.sealed(), ads.sealed());
        assertEquals(capture.ads.piiCategories(), ads.piiCategories());
        IdempotencyMarker stored =
                IdempotencyMarker.of(store.find(marker.pk(), ConsentTable.MARKER_SK).get());
        assertEquals(marker.fingerprint(), stored.fingerprint());
        assertEquals(marker.receiptId(), stored.receiptId());
        assertArrayEquals(marker.sealed(), stored.sealed());
        assertEquals(marker.subjectKeys(), stored.subjectKeys());
    }

    @Test
    void holdsAnySaysWhetherAnyItemCarriesASubjectKey() {
        Capture capture = capture(new SubjectKeyPair(key(), key()));
        store.writeCapture(capture.items(), null, null, NOW);
        assertTrue(
                store.holdsAny(ConsentTable.EMAIL_KEY, capture.receipt.subjectKeys().emailKey()));
        assertTrue(
                store.holdsAny(ConsentTable.PHONE_KEY, capture.receipt.subjectKeys().phoneKey()));
        assertEquals(false, store.holdsAny(ConsentTable.EMAIL_KEY, key()));
    }

    @Test
    void anAttemptCounterCountsUpToItsLimitThenRefusesWithoutWriting() {
        ItemKey counter = AttemptCounter.key("TEST", key(), NOW.getEpochSecond());
        for (int i = 1; i <= 3; i++) {
            assertTrue(store.countAttempt(counter, 3, IN_A_YEAR), "attempt " + i);
        }
        assertEquals(false, store.countAttempt(counter, 3, IN_A_YEAR), "the fourth");
        StoredItem stored = store.find(counter.pk(), counter.sk()).orElseThrow();
        assertEquals(3L, stored.number(AttemptCounter.ATTEMPTS));
        assertEquals(IN_A_YEAR, stored.number(ConsentTable.EXPIRES_AT));
    }

    @Test
    void anExchangeConsumesALiveOneTimeItemOnceAndWritesWhatItOpens() {
        byte[] sealed = "sealed contact".getBytes(StandardCharsets.UTF_8);
        AccessLinkItem link =
                new AccessLinkItem(
                        key(), ConsentTable.EMAIL_KEY, key(), sealed, NOW.getEpochSecond() + 900);
        store.writeTogether(List.of(link.toItem()));
        SessionItem session =
                new SessionItem(
                        key(), ConsentTable.EMAIL_KEY, link.subjectKey(), sealed, IN_A_YEAR);
        SessionItem second =
                new SessionItem(
                        key(), ConsentTable.EMAIL_KEY, link.subjectKey(), sealed, IN_A_YEAR);

        assertTrue(store.exchange(link.key(), session.toItem(), NOW));
        assertEquals(false, store.exchange(link.key(), second.toItem(), NOW), "used once only");
        assertEquals(Optional.empty(), store.find(link.pk(), AccessLinkItem.SK));
        SessionItem stored = SessionItem.of(store.find(session.pk(), SessionItem.SK).get());
        assertEquals(session.subjectKey(), stored.subjectKey());
        assertEquals(session.subjectAttribute(), stored.subjectAttribute());
        assertEquals(session.expiresAt(), stored.expiresAt());
        assertArrayEquals(sealed, stored.sealedContact());
        assertEquals(Optional.empty(), store.find(second.pk(), SessionItem.SK));

        AccessLinkItem expired =
                new AccessLinkItem(
                        key(), ConsentTable.EMAIL_KEY, key(), sealed, NOW.getEpochSecond());
        store.writeTogether(List.of(expired.toItem()));
        assertEquals(false, store.exchange(expired.key(), second.toItem(), NOW), "expired");
        assertTrue(store.find(expired.pk(), AccessLinkItem.SK).isPresent(), "left to TTL");
        assertEquals(Optional.empty(), store.find(second.pk(), SessionItem.SK));
    }

    @Test
    void aCaptureWithoutAMarkerIsWrittenToo() {
        Capture capture = capture(SubjectKeyPair.NONE);
        store.writeCapture(capture.items(), null, null, NOW);
        assertSameItems(capture.items(), store.partition(capture.receipt.pk()));
    }

    @Test
    void itemsWrittenTogetherAreAllWrittenAndAVerifiedReceiptReadsBack() {
        Capture capture = capture(new SubjectKeyPair(key(), key()));
        ReceiptItem verified =
                capture.receipt.withVerified(dev.consentvault.core.purpose.PersonalField.EMAIL);
        StoredItem message =
                new StoredItem(
                        "CONTRACT#" + UUID.randomUUID(),
                        "ITEM",
                        Map.of(
                                "kind",
                                "a new item of any kind",
                                ConsentTable.SEALED,
                                sealed("message"),
                                ConsentTable.EXPIRES_AT,
                                IN_A_YEAR));

        store.writeTogether(List.of(verified.toItem(), message));

        assertEquals(
                verified,
                ReceiptItem.of(store.find(capture.receipt.pk(), ConsentTable.RECEIPT_SK).get()));
        assertSameItems(List.of(message), List.of(store.find(message.pk(), message.sk()).get()));
    }

    @Test
    void itemsWrittenTogetherOverwriteNothingAndAreWrittenNoneOrAll() {
        Capture first = capture(SubjectKeyPair.NONE);
        store.writeCapture(first.items(), null, null, NOW);
        StoredItem fresh =
                new StoredItem(
                        "CONTRACT#" + UUID.randomUUID(),
                        "ITEM",
                        Map.of(ConsentTable.EXPIRES_AT, IN_A_YEAR));
        ReceiptItem changed = withExpiry(first.receipt, IN_A_YEAR + 1);

        assertThrows(
                ConcurrentChangeException.class,
                () -> store.writeTogether(List.of(fresh, changed.toItem())));

        assertEquals(Optional.empty(), store.find(fresh.pk(), fresh.sk()), "nothing half-written");
        assertEquals(
                first.receipt,
                ReceiptItem.of(store.find(first.receipt.pk(), ConsentTable.RECEIPT_SK).get()),
                "the existing item is not overwritten");
    }

    @Test
    void nothingIsFoundWhereNothingWasWritten() {
        assertEquals(
                Optional.empty(),
                store.find(
                        ConsentTable.receiptPk(UUID.randomUUID().toString()),
                        ConsentTable.RECEIPT_SK));
        assertEquals(
                List.of(), store.partition(ConsentTable.receiptPk(UUID.randomUUID().toString())));
        assertEquals(List.of(), store.itemsBySubjectKey(ConsentTable.EMAIL_KEY, key()));
    }

    @Test
    void aLiveMarkerRefusesTheWholeSecondCapture() {
        Capture first = capture(SubjectKeyPair.NONE);
        IdempotencyMarker marker = marker(first, NOW.plusSeconds(3_600).getEpochSecond());
        store.writeCapture(first.items(), marker.toItem(), null, NOW);

        Capture second = capture(SubjectKeyPair.NONE);
        IdempotencyMarker again =
                new IdempotencyMarker(
                        marker.digest(),
                        "another-fingerprint",
                        second.receipt.receiptId(),
                        sealed("other response"),
                        NOW.plusSeconds(7_200).getEpochSecond(),
                        SubjectKeyPair.NONE);

        assertThrows(
                IdempotencyKeyUsedException.class,
                () -> store.writeCapture(second.items(), again.toItem(), null, NOW));
        assertEquals(List.of(), store.partition(second.receipt.pk()), "nothing half-written");
        assertEquals(
                marker.fingerprint(),
                IdempotencyMarker.of(store.find(marker.pk(), ConsentTable.MARKER_SK).get())
                        .fingerprint());
    }

    @Test
    void aMarkerPastItsExpiryIsDeadEvenBeforeTtlRemovesIt() {
        Capture first = capture(SubjectKeyPair.NONE);
        IdempotencyMarker marker = marker(first, NOW.minusSeconds(1).getEpochSecond());
        store.writeCapture(first.items(), marker.toItem(), null, NOW.minusSeconds(3_600));

        StoredItem expired = store.find(marker.pk(), ConsentTable.MARKER_SK).orElseThrow();
        assertTrue(expired.expiredAt(NOW), "still returned, like DynamoDB before TTL has run");

        Capture second = capture(SubjectKeyPair.NONE);
        IdempotencyMarker replacement = marker(second, NOW.plusSeconds(3_600).getEpochSecond());
        store.writeCapture(
                second.items(),
                new IdempotencyMarker(
                                marker.digest(),
                                replacement.fingerprint(),
                                replacement.receiptId(),
                                replacement.sealed(),
                                replacement.expiresAt(),
                                SubjectKeyPair.NONE)
                        .toItem(),
                null,
                NOW);

        assertEquals(
                second.receipt.receiptId(),
                IdempotencyMarker.of(store.find(marker.pk(), ConsentTable.MARKER_SK).get())
                        .receiptId());
        assertSameItems(second.items(), store.partition(second.receipt.pk()));
    }

    @Test
    void aCaptureThatWouldOverwriteAnItemWritesNothing() {
        Capture first = capture(SubjectKeyPair.NONE);
        store.writeCapture(first.items(), null, null, NOW);
        Capture other = capture(SubjectKeyPair.NONE);
        List<StoredItem> clash = new ArrayList<>(other.items());
        clash.add(first.ads.toItem());

        assertThrows(
                StorageUnavailableException.class,
                () -> store.writeCapture(clash, null, null, NOW));
        assertEquals(List.of(), store.partition(other.receipt.pk()), "nothing half-written");
    }

    @Test
    void expiredItemsAreStillReturnedAndSayTheyExpired() {
        Capture capture = capture(SubjectKeyPair.NONE);
        ReceiptItem old = withExpiry(capture.receipt, NOW.minusSeconds(60).getEpochSecond());
        store.writeCapture(List.of(old.toItem(), capture.ads.toItem()), null, null, NOW);

        List<StoredItem> partition = store.partition(old.pk());
        assertEquals(2, partition.size());
        assertEquals(
                Set.of(ConsentTable.RECEIPT_SK),
                partition.stream()
                        .filter(i -> i.expiredAt(NOW))
                        .map(StoredItem::sk)
                        .collect(Collectors.toSet()));
    }

    @Test
    void everyItemCarryingASubjectKeyIsFoundThroughItsIndexWithBothKeys() {
        SubjectKeyPair keys = new SubjectKeyPair(key(), key());
        Capture one = capture(keys);
        Capture two = capture(new SubjectKeyPair(keys.emailKey(), null));
        Capture stranger = capture(new SubjectKeyPair(key(), key()));
        IdempotencyMarker marker = marker(one, NOW.plusSeconds(3_600).getEpochSecond());
        store.writeCapture(one.items(), marker.toItem(), null, NOW);
        store.writeCapture(two.items(), null, null, NOW);
        store.writeCapture(stranger.items(), null, null, NOW);

        List<IndexedItem> byEmail =
                store.itemsBySubjectKey(ConsentTable.EMAIL_KEY, keys.emailKey());
        Set<ItemKey> expected =
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.concat(
                                        one.items().stream(), two.items().stream()),
                                java.util.stream.Stream.of(marker.toItem()))
                        .map(i -> new ItemKey(i.pk(), i.sk()))
                        .collect(Collectors.toSet());
        assertEquals(expected, byEmail.stream().map(IndexedItem::key).collect(Collectors.toSet()));
        IndexedItem receipt =
                byEmail.stream()
                        .filter(i -> i.pk().equals(one.receipt.pk()))
                        .filter(i -> i.sk().equals(ConsentTable.RECEIPT_SK))
                        .findFirst()
                        .orElseThrow();
        assertEquals(keys.phoneKey(), receipt.phoneKey(), "so erasure can follow the other key");

        assertEquals(
                Set.of(new ItemKey(one.receipt.pk(), ConsentTable.RECEIPT_SK)),
                store.itemsBySubjectKey(ConsentTable.PHONE_KEY, keys.phoneKey()).stream()
                        .filter(i -> i.sk().equals(ConsentTable.RECEIPT_SK))
                        .map(IndexedItem::key)
                        .collect(Collectors.toSet()));
        assertThrows(
                IllegalArgumentException.class,
                () -> store.itemsBySubjectKey(ReceiptItem.TOKEN_HASH, "x"));
    }

    @Test
    void aWithdrawalLeavesTheProofTheItemRecordsDescribe() {
        SubjectKeyPair keys = new SubjectKeyPair(key(), key());
        Capture capture = capture(keys);
        store.writeCapture(capture.items(), null, null, NOW);
        Instant at = NOW.plusSeconds(60);
        long proofExpiresAt = at.plusSeconds(3 * 365 * 86_400L).getEpochSecond();
        Withdrawal withdrawal =
                new Withdrawal(
                        capture.receipt.pk(),
                        List.of(capture.ads.sk()),
                        at,
                        proofExpiresAt,
                        List.of(ConsentTable.PHONE_KEY),
                        List.of(ConsentTable.RECEIPT_SK, capture.news.sk()),
                        Math.max(proofExpiresAt, capture.receipt.expiresAt()),
                        false);

        store.writeWithdrawal(withdrawal);

        assertSameItems(
                List.of(
                        capture.receipt.withdrawalRecorded(withdrawal).toItem(),
                        capture.ads.withdrawn(withdrawal).toItem(),
                        capture.news.withoutSubjectKeys(withdrawal.subjectKeysToRemove()).toItem()),
                store.partition(capture.receipt.pk()));
        DecisionItem proof =
                DecisionItem.of(store.find(capture.ads.pk(), capture.ads.sk()).orElseThrow());
        assertEquals(ConsentStatus.WITHDRAWN, proof.status());
        assertEquals(at, proof.withdrawnAt());
        assertNull(proof.sealed(), "the personal fields go at once");
        assertEquals(new SubjectKeyPair(keys.emailKey(), null), proof.subjectKeys());
        assertEquals(
                List.of(),
                store.itemsBySubjectKey(ConsentTable.PHONE_KEY, keys.phoneKey()),
                "no item of the receipt is found by the removed key any more");
    }

    @Test
    void aWithdrawalOfADecisionNoLongerGrantedChangesNothing() {
        Capture capture = capture(new SubjectKeyPair(key(), null));
        store.writeCapture(capture.items(), null, null, NOW);
        Withdrawal withdrawal =
                new Withdrawal(
                        capture.receipt.pk(),
                        List.of(capture.ads.sk()),
                        NOW,
                        IN_A_YEAR,
                        List.of(),
                        List.of(ConsentTable.RECEIPT_SK),
                        IN_A_YEAR,
                        false);
        store.writeWithdrawal(withdrawal);
        List<StoredItem> before = store.partition(capture.receipt.pk());

        assertThrows(
                ConcurrentChangeException.class,
                () ->
                        store.writeWithdrawal(
                                new Withdrawal(
                                        capture.receipt.pk(),
                                        List.of(capture.ads.sk(), capture.news.sk()),
                                        NOW.plusSeconds(1),
                                        IN_A_YEAR + 1,
                                        List.of(),
                                        List.of(ConsentTable.RECEIPT_SK),
                                        IN_A_YEAR + 1,
                                        false)));
        assertSameItems(before, store.partition(capture.receipt.pk()));
    }

    @Test
    void aWithdrawalWhoseReceiptIsGoneChangesNothing() {
        Capture capture = capture(SubjectKeyPair.NONE);
        store.writeCapture(List.of(capture.ads.toItem()), null, null, NOW);

        assertThrows(
                ConcurrentChangeException.class,
                () ->
                        store.writeWithdrawal(
                                new Withdrawal(
                                        capture.receipt.pk(),
                                        List.of(capture.ads.sk()),
                                        NOW,
                                        IN_A_YEAR,
                                        List.of(),
                                        List.of(ConsentTable.RECEIPT_SK),
                                        IN_A_YEAR,
                                        false)));
        assertEquals(
                ConsentStatus.GRANTED,
                DecisionItem.of(store.find(capture.ads.pk(), capture.ads.sk()).orElseThrow())
                        .status());
    }

    @Test
    void manyItemsAreReadTogetherBeyondOneBatchAndWhatIsMissingIsLeftOut() {
        List<ItemKey> asked = new ArrayList<>();
        List<StoredItem> written = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            Capture capture = capture(new SubjectKeyPair(key(), null));
            store.writeCapture(capture.items(), null, null, NOW);
            capture.items().forEach(item -> asked.add(new ItemKey(item.pk(), item.sk())));
            written.addAll(capture.items());
        }
        asked.add(new ItemKey(ConsentTable.receiptPk(UUID.randomUUID().toString()), "RECEIPT"));

        assertEquals(106, asked.size(), "more than one batch of 100, one never written");
        assertSameItems(written, store.findAll(asked));
        assertEquals(List.of(), store.findAll(List.of()));
    }

    @Test
    void anErasureDeletesEveryItemAskedForInBatchesAndNothingElse() {
        List<Capture> captures = new ArrayList<>();
        SubjectKeyPair keys = new SubjectKeyPair(key(), null);
        for (int i = 0; i < 12; i++) {
            Capture capture = capture(keys);
            store.writeCapture(capture.items(), null, null, NOW);
            captures.add(capture);
        }
        Capture kept = capture(keys);
        store.writeCapture(kept.items(), null, null, NOW);
        List<ItemKey> doomed =
                captures.stream()
                        .flatMap(c -> c.items().stream())
                        .map(i -> new ItemKey(i.pk(), i.sk()))
                        .toList();

        assertEquals(36, doomed.size(), "more than one batch of 25");
        assertEquals(36, store.deleteItems(doomed));

        for (Capture capture : captures) {
            assertEquals(List.of(), store.partition(capture.receipt.pk()));
        }
        assertSameItems(kept.items(), store.partition(kept.receipt.pk()));
        assertEquals(0, store.deleteItems(List.of()));
    }

    // ---------------------------------------------------------------- receipt keys

    @Test
    void aCaptureWritesItsReceiptKeyInTheSameWriteAndReadsItBack() {
        Capture capture = capture(new SubjectKeyPair(key(), null));
        ReceiptKeyItem key = keyOf(capture);

        store.writeCapture(capture.items(), null, key, NOW);

        ReceiptKeyItem stored = store.receiptKey(capture.receipt.receiptId()).orElseThrow();
        assertArrayEquals(key.wrappedKey(), stored.wrappedKey());
        assertEquals(key.expiresAt(), stored.expiresAt());
        assertEquals(Optional.empty(), store.receiptKey(UUID.randomUUID().toString()));
    }

    @Test
    void aCaptureRefusedByItsMarkerOrByAClashWritesNoKeyAndNoItem() {
        Capture first = capture(SubjectKeyPair.NONE);
        IdempotencyMarker marker = marker(first, IN_A_YEAR);
        store.writeCapture(first.items(), marker.toItem(), keyOf(first), NOW);

        Capture replayed = capture(SubjectKeyPair.NONE);
        assertThrows(
                IdempotencyKeyUsedException.class,
                () ->
                        store.writeCapture(
                                replayed.items(),
                                new IdempotencyMarker(
                                                marker.digest(),
                                                "other",
                                                replayed.receipt.receiptId(),
                                                sealed("x"),
                                                IN_A_YEAR,
                                                SubjectKeyPair.NONE)
                                        .toItem(),
                                keyOf(replayed),
                                NOW));
        Capture clashing = capture(SubjectKeyPair.NONE);
        List<StoredItem> clash = new ArrayList<>(clashing.items());
        clash.add(first.ads.toItem());
        assertThrows(
                StorageUnavailableException.class,
                () -> store.writeCapture(clash, null, keyOf(clashing), NOW));

        for (Capture refused : List.of(replayed, clashing)) {
            assertEquals(Optional.empty(), store.receiptKey(refused.receipt.receiptId()));
            assertEquals(List.of(), store.partition(refused.receipt.pk()));
        }
    }

    @Test
    void aWithdrawalThatShredsDeletesTheKeyInTheSameWriteAndOneThatFailsKeepsIt() {
        Capture shredded = capture(SubjectKeyPair.NONE);
        Capture partial = capture(SubjectKeyPair.NONE);
        store.writeCapture(shredded.items(), null, keyOf(shredded), NOW);
        store.writeCapture(partial.items(), null, keyOf(partial), NOW);

        store.writeWithdrawal(withdrawAds(shredded, true));
        store.writeWithdrawal(withdrawAds(partial, false));
        assertThrows(
                ConcurrentChangeException.class,
                () -> store.writeWithdrawal(withdrawAds(partial, true)));

        assertEquals(Optional.empty(), store.receiptKey(shredded.receipt.receiptId()));
        assertTrue(
                store.receiptKey(partial.receipt.receiptId()).isPresent(),
                "kept by a withdrawal that leaves fields, and by one that changed nothing");
    }

    @Test
    void receiptKeysAreDeletedInBatchesAndNoOthers() {
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            Capture capture = capture(SubjectKeyPair.NONE);
            store.writeCapture(capture.items(), null, keyOf(capture), NOW);
            doomed.add(capture.receipt.receiptId());
        }
        Capture kept = capture(SubjectKeyPair.NONE);
        store.writeCapture(kept.items(), null, keyOf(kept), NOW);
        doomed.add(UUID.randomUUID().toString()); // never had a key: no error

        store.deleteReceiptKeys(doomed);

        for (String receiptId : doomed) {
            assertEquals(Optional.empty(), store.receiptKey(receiptId));
        }
        assertTrue(store.receiptKey(kept.receipt.receiptId()).isPresent());
        store.deleteReceiptKeys(List.of());
    }

    private static ReceiptKeyItem keyOf(Capture capture) {
        return new ReceiptKeyItem(
                capture.receipt.receiptId(),
                sealed("wrapped key of " + capture.receipt.receiptId()),
                capture.receipt.expiresAt());
    }

    private static Withdrawal withdrawAds(Capture capture, boolean shred) {
        return new Withdrawal(
                capture.receipt.pk(),
                List.of(capture.ads.sk()),
                NOW,
                IN_A_YEAR,
                List.of(),
                List.of(ConsentTable.RECEIPT_SK),
                IN_A_YEAR,
                shred);
    }

    /** A receipt with a sealed, granted ads decision and a newsletter decision. */
    private record Capture(ReceiptItem receipt, DecisionItem ads, DecisionItem news) {
        List<StoredItem> items() {
            return List.of(receipt.toItem(), ads.toItem(), news.toItem());
        }
    }

    private static Capture capture(SubjectKeyPair keys) {
        String receiptId = UUID.randomUUID().toString();
        ReceiptItem receipt =
                new ReceiptItem(
                        receiptId,
                        "token-hash-" + receiptId,
                        NOW,
                        "EU",
                        "es-ES",
                        "2026-11",
                        "https://shop.example/signup",
                        null,
                        false,
                        List.of("ads", "newsletter"),
                        null,
                        IN_A_YEAR,
                        keys,
                        Set.of(),
                        null,
                        List.of());
        DecisionItem ads =
                new DecisionItem(
                        receiptId,
                        "ads",
                        ConsentStatus.GRANTED,
                        null,
                        "Personalised ads",
                        "marketing",
                        List.of("email", "phone"),
                        List.of("Ads Partner"),
                        true,
                        "P1Y",
                        NOW,
                        null,
                        IN_A_YEAR,
                        keys,
                        sealed("ads fields of " + receiptId),
                        null,
                        null);
        DecisionItem news =
                new DecisionItem(
                        receiptId,
                        "newsletter",
                        ConsentStatus.GRANTED,
                        null,
                        "Newsletter",
                        "marketing",
                        List.of("email"),
                        List.of(),
                        false,
                        "P6M",
                        NOW,
                        null,
                        NOW.plusSeconds(180 * 86_400L).getEpochSecond(),
                        keys,
                        sealed("newsletter fields of " + receiptId),
                        null,
                        null);
        return new Capture(receipt, ads, news);
    }

    private static IdempotencyMarker marker(Capture capture, long expiresAt) {
        return new IdempotencyMarker(
                UUID.randomUUID().toString(),
                "fingerprint-" + capture.receipt.receiptId(),
                capture.receipt.receiptId(),
                sealed("response for " + capture.receipt.receiptId()),
                expiresAt,
                capture.receipt.subjectKeys());
    }

    private static ReceiptItem withExpiry(ReceiptItem r, long expiresAt) {
        return new ReceiptItem(
                r.receiptId(),
                r.tokenHash(),
                r.capturedAt(),
                r.jurisdiction(),
                r.language(),
                r.noticeVersion(),
                r.sourcePage(),
                r.sourceCampaign(),
                r.globalPrivacyControl(),
                r.purposeIds(),
                r.lastWithdrawalAt(),
                expiresAt,
                r.subjectKeys(),
                r.verified(),
                r.noticeSha256(),
                r.separateConsents());
    }

    private static byte[] sealed(String text) {
        // stands in for an envelope: the stores keep bytes as bytes
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    /** Same keys and attributes, whatever the order; byte arrays compared by content. */
    private static void assertSameItems(List<StoredItem> expected, List<StoredItem> actual) {
        assertEquals(comparable(expected), comparable(actual));
    }

    private static List<String> comparable(List<StoredItem> items) {
        return items.stream()
                .sorted(Comparator.comparing(StoredItem::pk).thenComparing(StoredItem::sk))
                .map(
                        i ->
                                i.pk()
                                        + " "
                                        + i.sk()
                                        + " "
                                        + new java.util.TreeMap<>(i.attributes())
                                                .entrySet().stream()
                                                        .map(ConsentStoreContract::text)
                                                        .toList())
                .toList();
    }

    private static String text(Map.Entry<String, Object> attribute) {
        Object value = attribute.getValue();
        return attribute.getKey()
                + "="
                + (value instanceof byte[] bytes
                        ? "bytes:" + new String(bytes, StandardCharsets.UTF_8)
                        : String.valueOf(value));
    }
}
