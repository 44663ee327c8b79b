package dev.consentvault.core.consent;

import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.json.JsonFields;
import dev.consentvault.core.json.StrictJson;
import dev.consentvault.core.purpose.Confirmation;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.core.store.ConcurrentChangeException;
import dev.consentvault.core.store.ConfirmationItem;
import dev.consentvault.core.store.ConfirmationWrite;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.ReceiptItem;
import dev.consentvault.core.store.StoredItem;
import dev.consentvault.core.store.SubjectKeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Double opt-in, the person's side: a one-time link (email) or a 6-digit code (SMS) turns the
 * purposes waiting for it GRANTED, from then on for their retention, and marks the identifier
 * verified on the receipt. A link is only looked at by GET (mail scanners fetch links); POST
 * confirms. A code costs one of {@link DoubleOptIn#MAX_CODE_ATTEMPTS} attempts before it is
 * compared, so guesses in parallel are counted too. Wrong, expired and used links and codes are the
 * same answer (empty); only a locked code says so.
 */
public final class Confirmations {

    private static final Pattern RECEIPT_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final byte[] NO_SUCH_HASH =
            ConsentCapture.sha256("no confirmation has this token")
                    .getBytes(StandardCharsets.US_ASCII);

    private final ConsentStore store;
    private final ReceiptService receipts;
    private final Clock clock;
    // replaced after a SnapStart restore, hence not final
    private volatile SubjectKeys subjectKeys;

    public Confirmations(
            ConsentStore store, ReceiptService receipts, SubjectKeys subjectKeys, Clock clock) {
        this.store = store;
        this.receipts = receipts;
        this.subjectKeys = subjectKeys;
        this.clock = clock;
    }

    /** After a SnapStart restore: the index key unwrapped again, nothing from the snapshot. */
    public void afterRestore(SubjectKeys reloadedIndexKey) {
        subjectKeys = reloadedIndexKey;
        receipts.afterRestore();
    }

    /**
     * What a confirmation link would confirm: the purposes, as the person was told them, and the
     * receipt's language.
     */
    public record Pending(String receiptId, String language, List<String> purposeDescriptions) {}

    /** What a link would confirm, without confirming it (GET); empty when it is not valid. */
    public Optional<Pending> byLink(String receiptId, String token) {
        return linkConfirmation(receiptId, token).flatMap(c -> pending(c).map(p -> p.view));
    }

    /** Confirms by a link (POST): what was confirmed, or empty (wrong, expired, used). */
    public Optional<Pending> confirmByLink(String receiptId, String token) {
        Optional<ConfirmationItem> confirmation = linkConfirmation(receiptId, token);
        if (confirmation.isEmpty()) {
            return Optional.empty();
        }
        return confirm(confirmation.get());
    }

    /**
     * Confirms by an SMS code ({@code {"code": "123456"}}) for the holder of the receipt's token:
     * the receipt as it stands then, or empty (wrong receipt, token or code; expired; used).
     *
     * @throws dev.consentvault.core.store.ConfirmationLockedException after too many wrong codes
     */
    public Optional<Receipt> confirmByCode(String receiptId, String receiptToken, byte[] body) {
        String code = parseCode(body);
        if (receipts.verify(receiptId, receiptToken).isEmpty()) {
            return Optional.empty();
        }
        Optional<ConfirmationItem> counted =
                store.countConfirmationAttempt(
                        receiptId,
                        Confirmation.SMS,
                        DoubleOptIn.MAX_CODE_ATTEMPTS,
                        clock.instant());
        if (counted.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented =
                ConsentCapture.codeHash(subjectKeys, receiptId, code)
                        .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(
                presented, counted.get().secretHash().getBytes(StandardCharsets.US_ASCII))) {
            if (counted.get().attempts() >= DoubleOptIn.MAX_CODE_ATTEMPTS) {
                throw new dev.consentvault.core.store.ConfirmationLockedException();
            }
            return Optional.empty();
        }
        if (confirm(counted.get()).isEmpty()) {
            return Optional.empty();
        }
        return receipts.view(receiptId, receiptToken);
    }

    private static String parseCode(byte[] body) {
        JsonFields root = StrictJson.readObject(body, "{\"code\": \"123456\"}");
        root.refuseUnknown(Set.of("code"));
        String code = root.string("code", CODE, true, "sms-code");
        root.finish("The confirmation");
        return code;
    }

    private Optional<ConfirmationItem> linkConfirmation(String receiptId, String token) {
        if (receiptId == null
                || token == null
                || !RECEIPT_ID.matcher(receiptId).matches()
                || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<ConfirmationItem> item =
                store.find(
                                ConsentTable.confirmationPk(receiptId),
                                ConfirmationItem.sk(Confirmation.EMAIL))
                        .map(ConfirmationItem::of)
                        .filter(c -> c.liveAt(clock.instant()));
        byte[] expected =
                item.map(c -> c.secretHash().getBytes(StandardCharsets.US_ASCII))
                        .orElse(NO_SUCH_HASH);
        boolean match =
                MessageDigest.isEqual(
                        ConsentCapture.sha256(token).getBytes(StandardCharsets.US_ASCII), expected);
        return match ? item : Optional.empty();
    }

    private record Found(Pending view, ReceiptItem receipt, List<DecisionItem> decisions) {}

    /** The receipt and the decisions still waiting for this confirmation, if any. */
    private Optional<Found> pending(ConfirmationItem confirmation) {
        Instant now = clock.instant();
        ReceiptItem receipt = null;
        List<DecisionItem> decisions = new ArrayList<>();
        for (StoredItem item : store.partition(receiptPk(confirmation))) {
            if (item.expiredAt(now)) {
                continue;
            }
            if (ReceiptItem.is(item)) {
                receipt = ReceiptItem.of(item);
            } else if (DecisionItem.is(item)) {
                DecisionItem d = DecisionItem.of(item);
                if (d.status() == ConsentStatus.PENDING_CONFIRMATION
                        && confirmation.purposeIds().contains(d.purposeId())) {
                    decisions.add(d);
                }
            }
        }
        if (receipt == null || decisions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Found(
                        new Pending(
                                receipt.receiptId(),
                                receipt.language(),
                                decisions.stream().map(DecisionItem::description).toList()),
                        receipt,
                        decisions));
    }

    private static String receiptPk(ConfirmationItem confirmation) {
        return ConsentTable.receiptPk(confirmation.receiptId());
    }

    private Optional<Pending> confirm(ConfirmationItem confirmation) {
        Optional<Found> found = pending(confirmation);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ReceiptItem receipt = found.get().receipt;
        long receiptExpiresAt = receipt.expiresAt();
        List<DecisionItem> granted = new ArrayList<>();
        for (DecisionItem d : found.get().decisions) {
            // the retention runs from the confirmation: that is when consent was given
            long expiresAt = RetentionPolicy.parse(d.retention()).expiryFor(now).getEpochSecond();
            granted.add(d.confirmed(now, expiresAt));
            receiptExpiresAt = Math.max(receiptExpiresAt, expiresAt);
        }
        PersonalField identifier = confirmation.channel().identifier();
        Set<PersonalField> verified = EnumSet.of(identifier);
        verified.addAll(receipt.verified());
        SubjectKeyPair keys =
                new SubjectKeyPair(
                        identifier == PersonalField.EMAIL
                                        && receipt.subjectKeys().emailKey() == null
                                ? confirmation.subjectKeys().emailKey()
                                : receipt.subjectKeys().emailKey(),
                        identifier == PersonalField.PHONE
                                        && receipt.subjectKeys().phoneKey() == null
                                ? confirmation.subjectKeys().phoneKey()
                                : receipt.subjectKeys().phoneKey());
        try {
            store.writeConfirmation(
                    new ConfirmationWrite(
                            receipt.receiptId(),
                            confirmation.channel(),
                            now,
                            granted,
                            verified,
                            keys,
                            receipt.expiresAt(),
                            receiptExpiresAt));
        } catch (ConcurrentChangeException used) {
            // confirmed (or withdrawn) by someone else in between: this link or code is used
            return Optional.empty();
        }
        return Optional.of(found.get().view);
    }
}
