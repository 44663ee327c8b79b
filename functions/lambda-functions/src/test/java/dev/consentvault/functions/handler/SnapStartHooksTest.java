package dev.consentvault.functions.handler;

import static dev.consentvault.functions.handler.InMemoryServices.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.access.AccessLinks;
import dev.consentvault.core.access.MyData;
import dev.consentvault.core.access.Sessions;
import dev.consentvault.core.consent.ConfirmationPage;
import dev.consentvault.core.consent.Confirmations;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.Controller;
import dev.consentvault.core.consent.DoubleOptIn;
import dev.consentvault.core.consent.FakeConsentStore;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.RandomIds;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.notify.MessageTemplates;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.IndexedItem;
import dev.consentvault.core.store.ItemKey;
import dev.consentvault.core.store.ReceiptKeyItem;
import dev.consentvault.core.store.StoredItem;
import dev.consentvault.core.store.Withdrawal;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * SnapStart's hooks, called as the runtime would. A restored copy shares everything in the snapshot
 * with every other copy restored from it: here two handlers share one primed state (same random
 * state, same envelope and data-key cache, same store), which is what two restored containers would
 * have.
 */
class SnapStartHooksTest {

    private static final String KEYS_TABLE = "consent-vault-it-receipt-keys";

    private static final String TABLE = "consents";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final FakeKeyService kms = new FakeKeyService();
    private final RecordingStore store = new RecordingStore(new FakeConsentStore());
    // what priming writes to: in Lambda the real adapter on a client that sends nothing
    private final RecordingStore primingStore = new RecordingStore(new FakeConsentStore());
    private final Envelope envelope = Envelope.forTable(kms, TABLE, clock);
    private final SubjectKeys indexKey = new SubjectKeys(new byte[32]);
    private final AtomicInteger indexKeyLoads = new AtomicInteger();

    /** Random state as a snapshot holds it: the same seed for every copy, until asked again. */
    private static Supplier<SecureRandom> snapshotThenFresh() {
        AtomicInteger asked = new AtomicInteger();
        return () -> asked.getAndIncrement() == 0 ? seeded() : new SecureRandom();
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(42);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private CaptureConsentHandler restoredCopy() {
        return restoredCopy(store);
    }

    private CaptureConsentHandler restoredCopy(ConsentStore store) {
        ConsentCapture capture =
                new ConsentCapture(
                        PurposeCatalogue.defaults(),
                        Jurisdictions.standard(),
                        store,
                        new ReceiptKeys(envelope, KEYS_TABLE),
                        indexKey,
                        new Controller(
                                "Cherries Ltd", "privacy@cherries.example", "https://c.example"),
                        TABLE,
                        clock,
                        new DoubleOptIn(
                                new Outbox(envelope, TABLE),
                                Duration.ofDays(7),
                                "https://consent.example.com"),
                        snapshotThenFresh());
        return new CaptureConsentHandler(
                capture,
                () -> primingStore,
                () -> {
                    indexKeyLoads.incrementAndGet();
                    return indexKey;
                });
    }

    /** Captures the sample request, without its Idempotency-Key unless asked to replay. */
    private JsonNode capture(CaptureConsentHandler handler, boolean idempotent) {
        APIGatewayV2HTTPEvent event = InMemoryServices.event("capture-consent.json");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (!idempotent) {
            headers.remove("idempotency-key");
        }
        event.setHeaders(headers);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return json(response);
    }

    private JsonNode capture(CaptureConsentHandler handler) {
        return capture(handler, false);
    }

    /**
     * The wrapped data key a capture sealed with: the receipt's own key is wrapped (envelope format
     * 1: version, length, wrapped data key, …) under the data key of the moment.
     */
    private byte[] dataKeyOf(JsonNode receipt) {
        return dataKeyOf(store, receipt);
    }

    private static byte[] dataKeyOf(ConsentStore store, JsonNode receipt) {
        ByteBuffer sealed =
                ByteBuffer.wrap(
                        store.receiptKey(receipt.get("receiptId").asText())
                                .orElseThrow()
                                .wrappedKey());
        sealed.get();
        byte[] wrapped = new byte[Short.toUnsignedInt(sealed.getShort())];
        sealed.get(wrapped);
        return wrapped;
    }

    @Test
    void primingRunsACaptureButWritesNothingAndCallsNoKeyService() {
        CaptureConsentHandler handler = restoredCopy();

        handler.beforeCheckpoint(null);

        assertEquals(0, store.writes.get(), "priming must not write to the table");
        assertTrue(primingStore.writes.get() > 0, "priming ran the capture to its write");
        assertEquals(0, kms.generateCalls() + kms.decryptCalls(), "priming must not call KMS");
        assertEquals(0, indexKeyLoads.get());
    }

    @Test
    void withoutTheRestoreHookTwoCopiesWouldHandOutTheSameReceiptIdAndToken() {
        // the premise of the next test: this is what the hook must prevent
        JsonNode a = capture(restoredCopy());
        // its own table: the same receipt id twice could not be written to one
        RecordingStore other = new RecordingStore(new FakeConsentStore());
        JsonNode b = capture(restoredCopy(other));
        assertEquals(a.get("receiptId"), b.get("receiptId"));
        assertEquals(a.get("receiptToken"), b.get("receiptToken"));
        assertArrayEquals(
                dataKeyOf(store, a), dataKeyOf(other, b), "and seal with the snapshot's data key");
    }

    @Test
    void twoRestoredCopiesGiveDifferentIdsTokensAndDataKeysAndUnwrapTheIndexKeyAgain() {
        CaptureConsentHandler a = restoredCopy();
        CaptureConsentHandler b = restoredCopy();
        a.beforeCheckpoint(null);
        // a data key in the snapshot's cache, as a container primed on real keys would hold one
        byte[] snapshotKey = dataKeyOf(capture(restoredCopy()));
        int generated = kms.generateCalls();

        a.afterRestore(null);
        JsonNode fromA = capture(a);
        b.afterRestore(null);
        JsonNode fromB = capture(b);

        assertNotEquals(fromA.get("receiptId"), fromB.get("receiptId"));
        assertNotEquals(fromA.get("receiptToken"), fromB.get("receiptToken"));
        assertFalse(Arrays.equals(dataKeyOf(fromA), dataKeyOf(fromB)));
        assertFalse(Arrays.equals(snapshotKey, dataKeyOf(fromA)));
        assertEquals(generated + 2, kms.generateCalls(), "each restore starts with no data key");
        assertEquals(2, indexKeyLoads.get(), "each restore unwraps the index key again");
    }

    @Test
    void afterARestoreNoOpenedDataKeyIsRememberedEither() {
        CaptureConsentHandler handler = restoredCopy();
        capture(handler, true);
        int decrypts = kms.decryptCalls();

        handler.afterRestore(null);
        // a replay opens the stored response: the key must come from KMS again, not the snapshot
        capture(handler, true);

        assertEquals(decrypts + 1, kms.decryptCalls());
    }

    @Test
    void theReceiptHandlersPrimeOnAReceiptThatDoesNotExistAndWriteNothing() {
        ReceiptService receipts = receipts();

        // each primes on a made-up receipt and fails the checkpoint unless it answers 404
        new ViewReceiptHandler(receipts).beforeCheckpoint(null);
        new WithdrawConsentHandler(receipts).beforeCheckpoint(null);

        assertEquals(0, store.writes.get());
        assertEquals(0, kms.generateCalls() + kms.decryptCalls());
    }

    @Test
    void aRestoredReceiptHandlerKeepsNoDataKeyFromTheSnapshot() {
        CaptureConsentHandler capture = restoredCopy();
        byte[] before = dataKeyOf(capture(capture));

        new ViewReceiptHandler(receipts()).afterRestore(null);

        assertFalse(Arrays.equals(before, dataKeyOf(capture(capture))));
    }

    @Test
    void privacyRequestsPrimeWithoutFilingAndComplaintsUnwrapTheIndexKeyAfterARestore() {
        InMemoryServices services = new InMemoryServices();
        PrivacyRequestHandler requests = new PrivacyRequestHandler(services.privacyRequests());

        requests.beforeCheckpoint(null);
        requests.afterRestore(null);

        assertEquals(0, services.dispatchFiled(), "priming filed nothing");
        assertEquals(0, services.kms.generateCalls() + services.kms.decryptCalls());
        AtomicInteger loads = new AtomicInteger();
        new ComplaintProcessorHandler(
                        services.complaints(),
                        () -> {
                            loads.incrementAndGet();
                            return services.indexKey();
                        })
                .afterRestore(null);
        assertEquals(1, loads.get());
    }

    @Test
    void theConfirmationAccessAndMyDataHandlersPrimeOnWhatDoesNotExistAndWriteNothing() {
        InMemoryServices services = new InMemoryServices();
        Sessions sessions = new Sessions(store, envelope, TABLE, clock);

        // each answers 404 to a made-up link, link token or session, or fails the checkpoint
        new ConfirmConsentHandler(
                        new Confirmations(store, receipts(), indexKey, clock),
                        new ConfirmationPage(MessageTemplates.standard(), "Cherries Ltd"),
                        () -> indexKey)
                .beforeCheckpoint(null);
        new AccessLinksHandler(
                        new AccessLinks(
                                store,
                                indexKey,
                                envelope,
                                new Outbox(envelope, TABLE),
                                TABLE,
                                clock),
                        Optional.empty())
                .beforeCheckpoint(null);
        new MyDataHandler(
                        sessions,
                        new MyData(
                                store,
                                sessions,
                                receipts(),
                                services.privacyRequests(),
                                RetentionPolicy.parse("P3Y"),
                                clock))
                .beforeCheckpoint(null);

        assertEquals(0, store.writes.get(), "no link, session, counter or outbox message");
        assertEquals(0, kms.generateCalls() + kms.decryptCalls());
        assertEquals(0, services.dispatchFiled(), "no request filed");
    }

    @Test
    void twoRestoredCopiesFileRequestsUnderDifferentIdsAndWouldNotWithoutTheHook() {
        InMemoryServices services = new InMemoryServices();
        JsonNode first = services.captureSample();
        JsonNode second = services.captureSample();

        // without the hook, both copies draw their ids from the snapshot's random state
        assertEquals(
                filedId(
                        new PrivacyRequestHandler(
                                services.privacyRequests(new RandomIds(snapshotThenFresh()))),
                        first),
                filedId(
                        new PrivacyRequestHandler(
                                services.privacyRequests(new RandomIds(snapshotThenFresh()))),
                        second));

        PrivacyRequestHandler one =
                new PrivacyRequestHandler(
                        services.privacyRequests(new RandomIds(snapshotThenFresh())));
        PrivacyRequestHandler two =
                new PrivacyRequestHandler(
                        services.privacyRequests(new RandomIds(snapshotThenFresh())));
        one.afterRestore(null);
        two.afterRestore(null);
        JsonNode third = services.captureSample();
        JsonNode fourth = services.captureSample();
        assertNotEquals(filedId(one, third), filedId(two, fourth));
    }

    @Test
    void restoringTheMyDataAndConfirmationHandlersRenewsIdsAndUnwrapsTheIndexKeyAgain() {
        InMemoryServices services = new InMemoryServices();
        Sessions sessions = new Sessions(store, envelope, TABLE, clock);
        AtomicInteger asked = new AtomicInteger();
        new MyDataHandler(
                        sessions,
                        new MyData(
                                store,
                                sessions,
                                receipts(),
                                services.privacyRequests(),
                                RetentionPolicy.parse("P3Y"),
                                clock,
                                new RandomIds(
                                        () -> {
                                            asked.incrementAndGet();
                                            return new SecureRandom();
                                        })))
                .afterRestore(null);
        assertEquals(2, asked.get(), "the ids' random source: made at init, made again at restore");

        new ConfirmConsentHandler(
                        new Confirmations(store, receipts(), indexKey, clock),
                        new ConfirmationPage(MessageTemplates.standard(), "Cherries Ltd"),
                        () -> {
                            indexKeyLoads.incrementAndGet();
                            return indexKey;
                        })
                .afterRestore(null);
        assertEquals(1, indexKeyLoads.get());
    }

    /** Files a deletion of this receipt with its token through the handler: the request's id. */
    private static String filedId(PrivacyRequestHandler handler, JsonNode receipt) {
        APIGatewayV2HTTPEvent event =
                InMemoryServices.withToken(
                        InMemoryServices.event("privacy-request-deletion.json"),
                        receipt.get("receiptToken").asText());
        event.setBody(
                "{\"type\": \"deletion\", \"receiptId\": \""
                        + receipt.get("receiptId").asText()
                        + "\"}");
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(202, response.getStatusCode(), response.getBody());
        return json(response).get("requestId").asText();
    }

    private ReceiptService receipts() {
        return new ReceiptService(
                store,
                new ReceiptKeys(envelope, KEYS_TABLE),
                new Controller("Cherries Ltd", "privacy@cherries.example", "https://c.example"),
                TABLE,
                clock,
                RetentionPolicy.parse("P3Y"),
                PurposeCatalogue.defaults().notices());
    }

    /** A store that counts every write it is asked for. */
    private static final class RecordingStore implements ConsentStore {
        private final ConsentStore store;
        final AtomicInteger writes = new AtomicInteger();

        RecordingStore(ConsentStore store) {
            this.store = store;
        }

        @Override
        public dev.consentvault.core.store.CaptureOutcome writeCapture(
                List<StoredItem> items, StoredItem marker, ReceiptKeyItem receiptKey, Instant now) {
            writes.incrementAndGet();
            return store.writeCapture(items, marker, receiptKey, now);
        }

        @Override
        public void writeHeld(dev.consentvault.core.store.CaptureWrite write) {
            writes.incrementAndGet();
            store.writeHeld(write);
        }

        @Override
        public Optional<dev.consentvault.core.store.ConfirmationItem> countConfirmationAttempt(
                String receiptId,
                dev.consentvault.core.purpose.Confirmation channel,
                int maxAttempts,
                Instant now) {
            writes.incrementAndGet();
            return store.countConfirmationAttempt(receiptId, channel, maxAttempts, now);
        }

        @Override
        public void writeConfirmation(dev.consentvault.core.store.ConfirmationWrite confirmation) {
            writes.incrementAndGet();
            store.writeConfirmation(confirmation);
        }

        @Override
        public void writeTogether(List<StoredItem> items) {
            writes.incrementAndGet();
            store.writeTogether(items);
        }

        @Override
        public Optional<ReceiptKeyItem> receiptKey(String receiptId) {
            return store.receiptKey(receiptId);
        }

        @Override
        public void deleteReceiptKeys(Collection<String> receiptIds) {
            writes.incrementAndGet();
            store.deleteReceiptKeys(receiptIds);
        }

        @Override
        public Optional<StoredItem> find(String pk, String sk) {
            return store.find(pk, sk);
        }

        @Override
        public List<StoredItem> partition(String pk) {
            return store.partition(pk);
        }

        @Override
        public void writeWithdrawal(Withdrawal withdrawal) {
            writes.incrementAndGet();
            store.writeWithdrawal(withdrawal);
        }

        @Override
        public List<IndexedItem> itemsBySubjectKey(String attribute, String subjectKey) {
            return store.itemsBySubjectKey(attribute, subjectKey);
        }

        @Override
        public int deleteItems(Collection<ItemKey> keys) {
            writes.incrementAndGet();
            return store.deleteItems(keys);
        }

        @Override
        public boolean holdsAny(String attribute, String subjectKey) {
            return store.holdsAny(attribute, subjectKey);
        }

        @Override
        public boolean countAttempt(ItemKey counter, int limit, long expiresAt) {
            writes.incrementAndGet();
            return store.countAttempt(counter, limit, expiresAt);
        }

        @Override
        public boolean exchange(ItemKey used, StoredItem opened, Instant now) {
            writes.incrementAndGet();
            return store.exchange(used, opened, now);
        }
    }
}
