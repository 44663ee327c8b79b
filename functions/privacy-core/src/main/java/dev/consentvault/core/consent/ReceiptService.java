package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConcurrentChangeException;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
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
    private final Envelope envelope;
    private final Controller controller;
    private final String table;
    private final Clock clock;
    private final RetentionPolicy withdrawalProofRetention;

    public ReceiptService(
            ConsentStore store,
            Envelope envelope,
            Controller controller,
            String table,
            Clock clock,
            RetentionPolicy withdrawalProofRetention) {
        this.store = store;
        this.envelope = envelope;
        this.controller = controller;
        this.table = table;
        this.clock = clock;
        this.withdrawalProofRetention = withdrawalProofRetention;
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
                                        items.receipt.string("jurisdiction"),
                                        items.receipt.string(ConsentTable.EMAIL_KEY),
                                        items.receipt.string(ConsentTable.PHONE_KEY)));
    }

    /** The receipt as it stands now, or empty when the id or the token is not right. */
    public Optional<Receipt> view(String receiptId, String token) {
        return authorised(receiptId, token).map(this::receipt);
    }

    /**
     * Withdraws the listed purposes ({@code {"purposes": [..]}}) or all of them ({@code {}}). The
     * fields held only for them are deleted at once; the decisions stay as proof, without personal
     * data, for the withdrawal-proof retention. Withdrawing what is already withdrawn or refused
     * changes nothing.
     */
    public Optional<Receipt> withdraw(String receiptId, String token, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            Optional<Items> items = authorised(receiptId, token);
            if (items.isEmpty()) {
                return Optional.empty();
            }
            List<StoredItem> targets = targets(items.get(), body);
            if (targets.isEmpty()) {
                return Optional.of(receipt(items.get()));
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Set<PersonalField> kept = EnumSet.noneOf(PersonalField.class);
            for (StoredItem decision : items.get().decisions) {
                if (!targets.contains(decision)
                        && ConsentStatus.GRANTED.name().equals(decision.string("status"))) {
                    piiCategories(decision).forEach(kept::add);
                }
            }
            StoredItem receipt = items.get().receipt;
            List<String> remove = new ArrayList<>();
            if (!kept.contains(PersonalField.EMAIL)
                    && receipt.attributes().containsKey(ConsentTable.EMAIL_KEY)) {
                remove.add(ConsentTable.EMAIL_KEY);
            }
            if (!kept.contains(PersonalField.PHONE)
                    && receipt.attributes().containsKey(ConsentTable.PHONE_KEY)) {
                remove.add(ConsentTable.PHONE_KEY);
            }
            List<String> others = new ArrayList<>();
            others.add(receipt.sk());
            for (StoredItem decision : items.get().decisions) {
                if (!targets.contains(decision) && !remove.isEmpty()) {
                    others.add(decision.sk());
                }
            }
            long proofExpiresAt = withdrawalProofRetention.expiryFor(now).getEpochSecond();
            try {
                store.writeWithdrawal(
                        new Withdrawal(
                                receipt.pk(),
                                targets.stream().map(StoredItem::sk).toList(),
                                now,
                                proofExpiresAt,
                                remove,
                                others,
                                Math.max(proofExpiresAt, receipt.number(ConsentTable.EXPIRES_AT))));
                return view(receiptId, token);
            } catch (ConcurrentChangeException changed) {
                if (attempt == ATTEMPTS) {
                    throw changed;
                }
            }
        }
    }

    private List<StoredItem> targets(Items items, byte[] body) {
        Map<String, StoredItem> byPurpose = new LinkedHashMap<>();
        items.decisions.forEach(d -> byPurpose.put(d.string("purposeId"), d));
        WithdrawalRequest request =
                WithdrawalRequestParser.parse(body, List.copyOf(byPurpose.keySet()));
        return request.purposeIds().stream()
                .map(byPurpose::get)
                .filter(d -> ConsentStatus.GRANTED.name().equals(d.string("status")))
                .toList();
    }

    /** The receipt's live items when the token is its own; constant-time comparison either way. */
    private Optional<Items> authorised(String receiptId, String token) {
        if (receiptId == null || !RECEIPT_ID.matcher(receiptId).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        StoredItem receipt = null;
        List<StoredItem> decisions = new ArrayList<>();
        for (StoredItem item : store.partition(ConsentTable.receiptPk(receiptId))) {
            if (item.expiredAt(now)) {
                continue;
            }
            if (item.sk().equals(ConsentTable.RECEIPT_SK)) {
                receipt = item;
            } else if (item.sk().startsWith(ConsentTable.PURPOSE_SK_PREFIX)) {
                decisions.add(item);
            }
        }
        byte[] presented =
                ConsentCapture.sha256(token == null ? "" : token)
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] expected =
                receipt == null
                        ? NO_SUCH_HASH
                        : receipt.string("tokenHash").getBytes(StandardCharsets.US_ASCII);
        boolean match = MessageDigest.isEqual(presented, expected);
        if (receipt == null || token == null || !match) {
            return Optional.empty();
        }
        List<String> order =
                receipt.attributes().get("purposeIds") instanceof List<?> ids
                        ? ids.stream().map(String::valueOf).toList()
                        : List.of();
        decisions.sort(
                (a, b) ->
                        Integer.compare(
                                order.indexOf(a.string("purposeId")),
                                order.indexOf(b.string("purposeId"))));
        return Optional.of(new Items(receipt, decisions));
    }

    private Receipt receipt(Items items) {
        StoredItem r = items.receipt;
        Map<PersonalField, String> masked = new EnumMap<>(PersonalField.class);
        List<ConsentDecision> decisions = new ArrayList<>();
        for (StoredItem d : items.decisions) {
            ConsentStatus status = ConsentStatus.valueOf(d.string("status"));
            if (status == ConsentStatus.GRANTED && d.bytes(ConsentTable.SEALED) != null) {
                JsonNode fields = open(d);
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
                            d.string("purposeId"),
                            d.string("description"),
                            d.string("category"),
                            status,
                            d.string("reason"),
                            piiCategories(d),
                            strings(d.attributes().get("thirdParties")),
                            Boolean.TRUE.equals(d.attributes().get("saleOrSharing")),
                            d.string("retention"),
                            Instant.ofEpochSecond(d.number(ConsentTable.EXPIRES_AT)),
                            d.string("withdrawnAt") == null
                                    ? null
                                    : Instant.parse(d.string("withdrawnAt"))));
        }
        return new Receipt(
                r.pk().substring(ConsentTable.RECEIPT_PK_PREFIX.length()),
                Instant.parse(r.string("capturedAt")),
                r.string("jurisdiction"),
                r.string("language"),
                r.string("noticeVersion"),
                r.string("sourcePage"),
                r.string("sourceCampaign"),
                controller,
                masked,
                Boolean.TRUE.equals(r.attributes().get("globalPrivacyControl")),
                decisions);
    }

    private JsonNode open(StoredItem decision) {
        byte[] plain =
                envelope.open(
                        decision.bytes(ConsentTable.SEALED),
                        new RecordBinding(
                                table, decision.pk(), decision.sk(), ConsentTable.SEALED));
        try {
            return ConsentRequestParser.JSON.readTree(plain);
        } catch (IOException e) {
            throw new IllegalStateException("sealed fields are not JSON", e);
        }
    }

    private static Set<PersonalField> piiCategories(StoredItem decision) {
        Set<PersonalField> fields = EnumSet.noneOf(PersonalField.class);
        strings(decision.attributes().get("piiCategories"))
                .forEach(name -> PersonalField.fromJsonName(name).ifPresent(fields::add));
        return fields;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }

    private record Items(StoredItem receipt, List<StoredItem> decisions) {}
}
