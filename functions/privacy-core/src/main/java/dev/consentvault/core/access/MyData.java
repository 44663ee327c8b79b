package dev.consentvault.core.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.Receipt;
import dev.consentvault.core.consent.ReceiptJson;
import dev.consentvault.core.consent.ReceiptService;
import dev.consentvault.core.consent.WithdrawalRequest;
import dev.consentvault.core.consent.WithdrawalRequestParser;
import dev.consentvault.core.crypto.RandomIds;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.privacy.Contact;
import dev.consentvault.core.privacy.DeletionCommand;
import dev.consentvault.core.privacy.Filed;
import dev.consentvault.core.privacy.Filing;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.core.privacy.RequestSubject;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.IndexedItem;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a verified session may do with everything held under the identifier it proved: see every
 * receipt (masked), withdraw across them, export all of it (GDPR Art. 15 access and Art. 20
 * portability: machine-readable JSON, recorded as an answered access request) and delete all of it.
 * The receipts are those carrying the session's subject key; what each shows follows {@link
 * ReceiptService#viewHeld}.
 */
public final class MyData {

    /** Who filed, on the request record. */
    public static final String REQUESTED_BY = "verified-session";

    public static final String EXPORT_SCHEMA = "consent-vault.export/1";

    private final ConsentStore store;
    private final Sessions sessions;
    private final ReceiptService receipts;
    private final PrivacyRequests requests;
    private final RetentionPolicy proofRetention;
    private final Clock clock;
    private final RandomIds ids;

    public MyData(
            ConsentStore store,
            Sessions sessions,
            ReceiptService receipts,
            PrivacyRequests requests,
            RetentionPolicy proofRetention,
            Clock clock) {
        this(store, sessions, receipts, requests, proofRetention, clock, new RandomIds());
    }

    /**
     * @param ids where the ids of requests filed here come from; renewed after a SnapStart restore
     */
    public MyData(
            ConsentStore store,
            Sessions sessions,
            ReceiptService receipts,
            PrivacyRequests requests,
            RetentionPolicy proofRetention,
            Clock clock,
            RandomIds ids) {
        this.ids = ids;
        this.store = store;
        this.sessions = sessions;
        this.receipts = receipts;
        this.requests = requests;
        this.proofRetention = proofRetention;
        this.clock = clock;
    }

    /** After a SnapStart restore: no data key or random source for ids from the snapshot. */
    public void afterRestore() {
        ids.afterRestore();
        receipts.afterRestore();
        requests.afterRestore();
    }

    /** {@code GET /v1/me}: every live receipt, newest first, masked. */
    public List<Receipt> receipts(Session session) {
        List<Receipt> found = new ArrayList<>();
        for (String receiptId : receiptIds(session)) {
            receipts.viewHeld(receiptId, session.proven()).ifPresent(found::add);
        }
        found.sort(Comparator.comparing(Receipt::timestamp).reversed());
        return found;
    }

    /**
     * {@code POST /v1/me/withdrawals}: {@code {"purposes": [..]}} withdraws those purposes on every
     * receipt holding them, {@code {}} withdraws everything; answers with the receipts after.
     */
    public List<Receipt> withdraw(Session session, byte[] body) {
        List<Receipt> before = receipts(session);
        Set<String> offered = new LinkedHashSet<>();
        before.forEach(r -> r.purposes().forEach(d -> offered.add(d.purposeId())));
        WithdrawalRequest request = WithdrawalRequestParser.parse(body, List.copyOf(offered));
        for (Receipt receipt : before) {
            receipts.withdrawHeld(receipt.receiptId(), request.purposeIds(), session.proven());
        }
        return receipts(session);
    }

    /**
     * {@code POST /v1/me/deletion}: files a deletion of everything held under the session's
     * identifier (and under another identifier where it was confirmed beside it), under the law of
     * the person's newest receipt; the proven identifier is told it was filed, and later that it
     * was done, in that receipt's language.
     */
    public Filed deleteEverything(Session session) {
        boolean email = ConsentTable.EMAIL_KEY.equals(session.subjectAttribute());
        List<Receipt> held = receipts(session);
        return requests.fileDeletion(
                new DeletionCommand(
                        ids.uuid(),
                        new RequestSubject(
                                null,
                                email ? session.subjectKey() : null,
                                email ? null : session.subjectKey()),
                        new Filing(jurisdiction(held), REQUESTED_BY, null),
                        null),
                new Contact(
                        sessions.contact(session), held.isEmpty() ? null : held.get(0).language()));
    }

    /**
     * {@code GET /v1/me/export}: every receipt with its personal fields in clear, as JSON, recorded
     * first as an answered access request (if that record cannot be written, nothing is handed
     * out).
     */
    public ObjectNode export(Session session) {
        List<Receipt> held = new ArrayList<>();
        for (String receiptId : receiptIds(session)) {
            receipts.exportHeld(receiptId, session.proven()).ifPresent(held::add);
        }
        held.sort(Comparator.comparing(Receipt::timestamp).reversed());
        Filed access =
                requests.recordAnsweredAccess(
                        ConsentCapture.sha256(
                                session.subjectAttribute() + "=" + session.subjectKey()),
                        new Filing(jurisdiction(held), REQUESTED_BY, null),
                        proofRetention);
        ObjectNode export = Json.object();
        export.put("schema", EXPORT_SCHEMA);
        export.put("exportedAt", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        export.put("accessRequestId", access.requestId());
        export.put("provenIdentifier", session.proven().jsonName());
        ArrayNode list = export.putArray("receipts");
        held.forEach(r -> list.add(ReceiptJson.write(r)));
        return export;
    }

    private List<String> receiptIds(Session session) {
        Set<String> ids = new LinkedHashSet<>();
        for (IndexedItem item :
                store.itemsBySubjectKey(session.subjectAttribute(), session.subjectKey())) {
            // a decision still pending confirmation carries the key its receipt does not yet
            if (item.pk().startsWith(ConsentTable.RECEIPT_PK_PREFIX)) {
                ids.add(item.pk().substring(ConsentTable.RECEIPT_PK_PREFIX.length()));
            }
        }
        return List.copyOf(ids);
    }

    /** The newest receipt's jurisdiction; the GDPR's ("EU") when nothing is held any more. */
    private static String jurisdiction(List<Receipt> newestFirst) {
        return newestFirst.isEmpty() ? "EU" : newestFirst.get(0).jurisdiction();
    }
}
