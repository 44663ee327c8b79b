package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.crypto.ReceiptKey;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.propagation.PropagationItem;
import dev.consentvault.core.propagation.WithdrawalPropagation;
import dev.consentvault.core.purpose.Confirmation;
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
    private final WithdrawalPropagation propagation;
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
        this(store, receiptKeys, controller, table, clock, withdrawalProofRetention, notices, null);
    }

    /**
     * With {@code propagation}, withdrawing a purpose whose data went to processors writes a notice
     * for each in the withdrawal's own transaction.
     */
    public ReceiptService(
            ConsentStore store,
            ReceiptKeys receiptKeys,
            Controller controller,
            String table,
            Clock clock,
            RetentionPolicy withdrawalProofRetention,
            NoticeRegistry notices,
            WithdrawalPropagation propagation) {
        this.notices = notices;
        this.store = store;
        this.receiptKeys = receiptKeys;
        this.controller = controller;
        this.table = table;
        this.clock = clock;
        this.withdrawalProofRetention = withdrawalProofRetention;
        this.propagation = propagation;
    }

    /** After a SnapStart restore: no data key or random source from the snapshot. */
    public void afterRestore() {
        receiptKeys.afterRestore();
        if (propagation != null) {
            propagation.afterRestore();
        }
    }

    /**
     * Who holds a receipt, as far as a privacy request needs to know: its jurisdiction, its subject
     * keys, the identifiers confirmed on it and the locale it was captured in.
     */
    public record Holder(
            String receiptId,
            String jurisdiction,
            String emailKey,
            String phoneKey,
            Set<PersonalField> verified,
            String language,
            String verifiedContact) {

        @Override
        public String toString() {
            return "Holder[receiptId=" + receiptId + ", verified=" + verified + "]";
        }

        /**
         * The subject keys this receipt's token proves control of: only those of identifiers
         * confirmed on it. Anyone can type an email address into a form; only its owner can confirm
         * it.
         */
        public String provenEmailKey() {
            return verified.contains(PersonalField.EMAIL) ? emailKey : null;
        }

        public String provenPhoneKey() {
            return verified.contains(PersonalField.PHONE) ? phoneKey : null;
        }
    }

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
                                        items.receipt.subjectKeys().phoneKey(),
                                        items.receipt.verified(),
                                        items.receipt.language(),
                                        verifiedContact(items)));
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
        return withdraw(() -> authorised(receiptId, token), items -> targets(items, body))
                .flatMap(
                        unchanged ->
                                unchanged.items == null
                                        ? view(receiptId, token)
                                        : Optional.of(receipt(unchanged.items)));
    }

    /**
     * For a verified session ({@code MyData}) whose subject key this receipt carries: withdraws
     * those of {@code purposeIds} the receipt holds, and answers with the receipt as that session
     * may see it. Empty when the receipt is gone.
     */
    public Optional<Receipt> withdrawHeld(
            String receiptId, List<String> purposeIds, PersonalField proven) {
        return withdraw(
                        () -> load(receiptId),
                        items ->
                                items.decisions.stream()
                                        .filter(d -> purposeIds.contains(d.purposeId()))
                                        .filter(d -> d.status() == ConsentStatus.GRANTED)
                                        .toList())
                .flatMap(
                        unchanged ->
                                unchanged.items == null
                                        ? viewHeld(receiptId, proven)
                                        : Optional.of(
                                                receipt(
                                                        unchanged.items,
                                                        shown(unchanged.items, proven),
                                                        true)));
    }

    /**
     * A receipt for a verified session that proved control of the {@code proven} identifier, which
     * this receipt carries: masked as {@link #view} masks it. The receipt's other personal fields
     * are shown only when that identifier was confirmed on this very receipt (then whoever captured
     * it controlled it, and the rest is theirs too); otherwise someone else may have typed the
     * person's address beside their own data, and only the person's own identifier is shown.
     */
    public Optional<Receipt> viewHeld(String receiptId, PersonalField proven) {
        return load(receiptId).map(items -> receipt(items, shown(items, proven), true));
    }

    /**
     * As {@link #viewHeld}, with the personal fields in clear: for an export (GDPR Art. 15, 20).
     */
    public Optional<Receipt> exportHeld(String receiptId, PersonalField proven) {
        return load(receiptId).map(items -> receipt(items, shown(items, proven), false));
    }

    /**
     * The identifier confirmed on this receipt, in clear (email first): where to tell its holder
     * what happened to their request. Null when none was confirmed; only then is nothing opened.
     */
    private String verifiedContact(Items items) {
        Set<PersonalField> verified = items.receipt.verified();
        if (verified.isEmpty()) {
            return null;
        }
        Map<PersonalField, String> fields = receipt(items, verified, false).maskedSubject();
        return fields.containsKey(PersonalField.EMAIL)
                ? fields.get(PersonalField.EMAIL)
                : fields.get(PersonalField.PHONE);
    }

    private static Set<PersonalField> shown(Items items, PersonalField proven) {
        return items.receipt.verified().contains(proven)
                ? EnumSet.allOf(PersonalField.class)
                : EnumSet.of(proven);
    }

    /** What a withdrawal left: the items as read when it had nothing to do, else null. */
    private record Outcome(Items items) {}

    /**
     * Withdraws the decisions {@code chooser} picks from what {@code loader} reads, retrying on a
     * concurrent change. Empty when there is no such receipt (for the caller).
     */
    private Optional<Outcome> withdraw(
            Supplier<Optional<Items>> loader,
            java.util.function.Function<Items, List<DecisionItem>> chooser) {
        for (int attempt = 1; ; attempt++) {
            Optional<Items> items = loader.get();
            if (items.isEmpty()) {
                return Optional.empty();
            }
            List<DecisionItem> targets = chooser.apply(items.get());
            if (targets.isEmpty()) {
                return Optional.of(new Outcome(items.get()));
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Set<PersonalField> kept = EnumSet.noneOf(PersonalField.class);
            boolean sealedFieldsRemain = false;
            // a purpose waiting for confirmation keeps its fields (and their subject keys) too
            boolean emailKeyHeld = items.get().receipt.subjectKeys().emailKey() != null;
            boolean phoneKeyHeld = items.get().receipt.subjectKeys().phoneKey() != null;
            for (DecisionItem decision : items.get().decisions) {
                if (!targets.contains(decision) && decision.keepsFields()) {
                    piiCategories(decision).forEach(kept::add);
                    sealedFieldsRemain |= decision.sealed() != null;
                }
                emailKeyHeld |= decision.subjectKeys().emailKey() != null;
                phoneKeyHeld |= decision.subjectKeys().phoneKey() != null;
            }
            ReceiptItem receipt = items.get().receipt;
            List<String> remove = new ArrayList<>();
            if (!kept.contains(PersonalField.EMAIL) && emailKeyHeld) {
                remove.add(ConsentTable.EMAIL_KEY);
            }
            if (!kept.contains(PersonalField.PHONE) && phoneKeyHeld) {
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
            ReceiptKeyLookup key = new ReceiptKeyLookup(receipt.receiptId());
            List<PropagationItem> notices =
                    propagation == null
                            ? List.of()
                            : propagation.notices(targets, d -> open(d, key), now);
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
                                !sealedFieldsRemain,
                                notices));
                return Optional.of(new Outcome(null));
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
                .filter(DecisionItem::keepsFields)
                .toList();
    }

    /** The receipt's live items when the token is its own; constant-time comparison either way. */
    private Optional<Items> authorised(String receiptId, String token) {
        Optional<Items> items = load(receiptId);
        byte[] presented =
                ConsentCapture.sha256(token == null ? "" : token)
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] expected =
                items.isEmpty()
                        ? NO_SUCH_HASH
                        : items.get().receipt.tokenHash().getBytes(StandardCharsets.US_ASCII);
        boolean match = MessageDigest.isEqual(presented, expected);
        if (items.isEmpty() || token == null || !match) {
            return Optional.empty();
        }
        return items;
    }

    /** The receipt's live items, decisions in the order the person was asked; empty if none. */
    private Optional<Items> load(String receiptId) {
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
        if (receipt == null) {
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
        return receipt(items, EnumSet.allOf(PersonalField.class), true);
    }

    private Receipt receipt(Items items, Set<PersonalField> shown, boolean mask) {
        ReceiptItem r = items.receipt;
        Map<PersonalField, String> masked = new EnumMap<>(PersonalField.class);
        List<ConsentDecision> decisions = new ArrayList<>();
        ReceiptKeyLookup key = new ReceiptKeyLookup(r.receiptId());
        for (DecisionItem d : items.decisions) {
            if (d.keepsFields()
                    && d.sealed() != null
                    && (!ReceiptKeys.needsReceiptKey(d.sealed()) || key.get().isPresent())) {
                // a key already shredded (an erasure under way) leaves nothing to mask
                JsonNode fields = open(d, key);
                fields.fields()
                        .forEachRemaining(
                                f ->
                                        PersonalField.fromJsonName(f.getKey())
                                                .filter(shown::contains)
                                                .ifPresent(
                                                        field ->
                                                                masked.put(
                                                                        field,
                                                                        mask
                                                                                ? Identifiers.mask(
                                                                                        field,
                                                                                        f.getValue()
                                                                                                .asText())
                                                                                : f.getValue()
                                                                                        .asText())));
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
                            d.withdrawnAt(),
                            d.confirmBy() == null
                                    ? null
                                    : Confirmation.fromJsonName(d.confirmBy()).orElse(null),
                            d.confirmedAt()));
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
                r.verified(),
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
            return Json.read(plain);
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
