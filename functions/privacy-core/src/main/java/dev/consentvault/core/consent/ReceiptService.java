package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.crypto.ReceiptKey;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.purpose.NoticeRegistry;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConcurrentChangeException;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.ReceiptItem;
import dev.consentvault.core.store.StoredItem;
import dev.consentvault.core.store.Withdrawal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What a person can do with their receipt: see it (with each purpose's current status, personal
 * data masked) and withdraw consent. The receipt token is the proof of control; an unknown receipt,
 * a wrong token and no token are the same answer (empty), so nothing reveals whether a receipt
 * exists. Items past their {@code expiresAt} are ignored: DynamoDB's TTL deletes them late.
 */
public final class ReceiptService {

    private static final Pattern RECEIPT_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final byte[] NO_SUCH_HASH =
            ConsentCapture.sha256("no receipt has this token").getBytes(StandardCharsets.US_ASCII);
    private static final int ATTEMPTS = 3;

    private final ConsentStore store;
    private final ReceiptKeys receiptKeys;
    private final Controller controller;
    private final String table;
    private final Clock clock;
    private final RetentionPolicy withdrawalProofRetention;
    private final NoticeRegistry notices;

    /**
     * @param notices the catalogue's notice versions: a later material change asks for a receipt's
     *     consent again
     */
    public ReceiptService(
            ConsentStore store,
            ReceiptKeys receiptKeys,
            Controller controller,
            String table,
            Clock clock,
            RetentionPolicy withdrawalProofRetention,
            NoticeRegistry notices) {
        this.notices = notices;
        this.store = store;
        this.receiptKeys = receiptKeys;
        this.controller = controller;
        this.table = table;
        this.clock = clock;
        this.withdrawalProofRetention = withdrawalProofRetention;
    }

    /** After a SnapStart restore: no data key or random source from the snapshot. */
    public void afterRestore() {
        receiptKeys.afterRestore();
    }

    /**
     * Who holds a receipt, as far as a privacy request needs to know: its jurisdiction and subject
     * keys.
     */
    public record Holder(String receiptId, String jurisdiction, String emailKey, String phoneKey) {}

    /**
     * Proof of control: the holder when the token is the receipt's own, else empty (same as view).
     */
    public Optional<Holder> verify(String receiptId, String token) {
        return authorised(receiptId, token)
                .map(
                        items ->
                                new Holder(
                                        receiptId,
                                        items.receipt.jurisdiction(),
                                        items.receipt.subjectKeys().emailKey(),
                                        items.receipt.subjectKeys().phoneKey()));
    }

    /** The receipt as it stands now, or empty when the id or the token is not right. */
    public Optional<Receipt> view(String receiptId, String token) {
        return authorised(receiptId, token).map(this::receipt);
    }

    /**
     * Withdraws the listed purposes ({@code {"purposes": [..]}}) or all of them ({@code {}}). The
     * fields held only for them are deleted at once; the decisions stay as proof, without personal
     * data, for the withdrawal-proof retention. When no granted purpose keeps fields any more, the
     * receipt's key is deleted in the same write: every copy of its sealed fields is shredded.
     * Withdrawing what is already withdrawn or refused changes nothing.
     */
    public Optional<Receipt> withdraw(String receiptId, String token, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            Optional<Items> items = authorised(receiptId, token);
            if (items.isEmpty()) {
                return Optional.empty();
            }
            List<DecisionItem> targets = targets(items.get(), body);
            if (targets.isEmpty()) {
                return Optional.of(receipt(items.get()));
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Set<PersonalField> kept = EnumSet.noneOf(PersonalField.class);
            boolean sealedFieldsRemain = false;
            for (DecisionItem decision : items.get().decisions) {
                if (!targets.contains(decision) && decision.status() == ConsentStatus.GRANTED) {
                    piiCategories(decision).forEach(kept::add);
                    sealedFieldsRemain |= decision.sealed() != null;
                }
            }
            ReceiptItem receipt = items.get().receipt;
            List<String> remove = new ArrayList<>();
            if (!kept.contains(PersonalField.EMAIL) && receipt.subjectKeys().emailKey() != null) {
                remove.add(ConsentTable.EMAIL_KEY);
            }
            if (!kept.contains(PersonalField.PHONE) && receipt.subjectKeys().phoneKey() != null) {
                remove.add(ConsentTable.PHONE_KEY);
            }
            List<String> others = new ArrayList<>();
            others.add(ConsentTable.RECEIPT_SK);
            for (DecisionItem decision : items.get().decisions) {
                if (!targets.contains(decision) && !remove.isEmpty()) {
                    others.add(decision.sk());
                }
            }
            long proofExpiresAt = withdrawalProofRetention.expiryFor(now).getEpochSecond();
            try {
                store.writeWithdrawal(
                        new Withdrawal(
                                receipt.pk(),
                                targets.stream().map(DecisionItem::sk).toList(),
                                now,
                                proofExpiresAt,
                                remove,
                                others,
                                Math.max(proofExpiresAt, receipt.expiresAt()),
                                !sealedFieldsRemain));
                return view(receiptId, token);
            } catch (ConcurrentChangeException changed) {
                if (attempt == ATTEMPTS) {
                    throw changed;
                }
            }
        }
    }

    private List<DecisionItem> targets(Items items, byte[] body) {
        Map<String, DecisionItem> byPurpose = new LinkedHashMap<>();
        items.decisions.forEach(d -> byPurpose.put(d.purposeId(), d));
        WithdrawalRequest request =
                WithdrawalRequestParser.parse(body, List.copyOf(byPurpose.keySet()));
        return request.purposeIds().stream()
                .map(byPurpose::get)
                .filter(d -> d.status() == ConsentStatus.GRANTED)
                .toList();
    }

    /** The receipt's live items when the token is its own; constant-time comparison either way. */
    private Optional<Items> authorised(String receiptId, String token) {
        if (receiptId == null || !RECEIPT_ID.matcher(receiptId).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ReceiptItem receipt = null;
        List<DecisionItem> decisions = new ArrayList<>();
        for (StoredItem item : store.partition(ConsentTable.receiptPk(receiptId))) {
            if (item.expiredAt(now)) {
                continue;
            }
            if (ReceiptItem.is(item)) {
                receipt = ReceiptItem.of(item);
            } else if (DecisionItem.is(item)) {
                decisions.add(DecisionItem.of(item));
            }
        }
        byte[] presented =
                ConsentCapture.sha256(token == null ? "" : token)
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] expected =
                receipt == null
                        ? NO_SUCH_HASH
                        : receipt.tokenHash().getBytes(StandardCharsets.US_ASCII);
        boolean match = MessageDigest.isEqual(presented, expected);
        if (receipt == null || token == null || !match) {
            return Optional.empty();
        }
        List<String> order = receipt.purposeIds();
        decisions.sort(
                (a, b) ->
                        Integer.compare(
                                order.indexOf(a.purposeId()), order.indexOf(b.purposeId())));
        return Optional.of(new Items(receipt, decisions));
    }

    private Receipt receipt(Items items) {
        ReceiptItem r = items.receipt;
        Map<PersonalField, String> masked = new EnumMap<>(PersonalField.class);
        List<ConsentDecision> decisions = new ArrayList<>();
        ReceiptKeyLookup key = new ReceiptKeyLookup(r.receiptId());
        for (DecisionItem d : items.decisions) {
            if (d.status() == ConsentStatus.GRANTED
                    && d.sealed() != null
                    && (!ReceiptKeys.needsReceiptKey(d.sealed()) || key.get().isPresent())) {
                // a key already shredded (an erasure under way) leaves nothing to mask
                JsonNode fields = open(d, key);
                fields.fields()
                        .forEachRemaining(
                                f ->
                                        PersonalField.fromJsonName(f.getKey())
                                                .ifPresent(
                                                        field ->
                                                                masked.put(
                                                                        field,
                                                                        Identifiers.mask(
                                                                                field,
                                                                                f.getValue()
                                                                                        .asText()))));
            }
            decisions.add(
                    new ConsentDecision(
                            d.purposeId(),
                            d.description(),
                            d.category(),
                            d.status(),
                            d.reason(),
                            piiCategories(d),
                            d.thirdParties(),
                            d.saleOrSharing(),
                            d.retention(),
                            Instant.ofEpochSecond(d.expiresAt()),
                            d.withdrawnAt()));
        }
        return new Receipt(
                r.receiptId(),
                r.capturedAt(),
                r.jurisdiction(),
                r.language(),
                r.noticeVersion(),
                r.sourcePage(),
                r.sourceCampaign(),
                controller,
                masked,
                r.globalPrivacyControl(),
                decisions,
                r.noticeSha256(),
                Set.copyOf(r.separateConsents()),
                reconsentRequired(r.noticeVersion(), decisions));
    }

    /** The granted purposes a material notice change in effect since the capture affects. */
    private Set<String> reconsentRequired(String noticeVersion, List<ConsentDecision> decisions) {
        Instant now = clock.instant();
        Set<String> again = new java.util.LinkedHashSet<>();
        for (ConsentDecision d : decisions) {
            if (d.status() == ConsentStatus.GRANTED
                    && !notices.supersedingMaterially(noticeVersion, d.purposeId(), now)
                            .isEmpty()) {
                again.add(d.purposeId());
            }
        }
        return again;
    }

    private JsonNode open(DecisionItem decision, ReceiptKeyLookup key) {
        byte[] plain = receiptKeys.open(decision.sealed(), decision.binding(table), key);
        try {
            return ConsentRequestParser.JSON.readTree(plain);
        } catch (IOException e) {
            throw new IllegalStateException("sealed fields are not JSON", e);
        }
    }

    private static Set<PersonalField> piiCategories(DecisionItem decision) {
        Set<PersonalField> fields = EnumSet.noneOf(PersonalField.class);
        decision.piiCategories()
                .forEach(name -> PersonalField.fromJsonName(name).ifPresent(fields::add));
        return fields;
    }

    private record Items(ReceiptItem receipt, List<DecisionItem> decisions) {}

    /** The receipt's key, read and unwrapped at most once per answer, and only when needed. */
    private final class ReceiptKeyLookup implements Supplier<Optional<ReceiptKey>> {
        private final String receiptId;
        private Optional<ReceiptKey> key;

        ReceiptKeyLookup(String receiptId) {
            this.receiptId = receiptId;
        }

        @Override
        public Optional<ReceiptKey> get() {
            if (key == null) {
                key =
                        store.receiptKey(receiptId)
                                .map(item -> receiptKeys.unwrap(receiptId, item.wrappedKey()));
            }
            return key;
        }
    }
}
