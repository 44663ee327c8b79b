package dev.consentvault.core.store;

import dev.consentvault.core.consent.ConsentStatus;
import dev.consentvault.core.crypto.RecordBinding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One consent decision ({@code RECEIPT#{receiptId}} / {@code PURPOSE#{purposeId}}): the purpose as
 * the person was told it, its status, and — only while GRANTED — the personal fields that purpose
 * needs, sealed to this very item. A withdrawn decision stays, without them, as proof.
 *
 * @param reason why it was not granted as asked (e.g. Global Privacy Control), or null
 * @param piiCategories the personal fields the purpose needs, by their JSON names, sorted
 * @param withdrawnAt or null
 * @param expiresAt epoch seconds (TTL): the purpose's retention, or the withdrawal proof's
 * @param sealed the envelope of the fields it keeps, or null
 * @param confirmBy while PENDING_CONFIRMATION, how it is confirmed ("email", "sms"); else null
 * @param confirmedAt when a pending grant was confirmed, or null
 */
public record DecisionItem(
        String receiptId,
        String purposeId,
        ConsentStatus status,
        String reason,
        String description,
        String category,
        List<String> piiCategories,
        List<String> thirdParties,
        boolean saleOrSharing,
        String retention,
        Instant decidedAt,
        Instant withdrawnAt,
        long expiresAt,
        SubjectKeyPair subjectKeys,
        byte[] sealed,
        String confirmBy,
        Instant confirmedAt) {

    public static final String PURPOSE_ID = "purposeId";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String DESCRIPTION = "description";
    public static final String CATEGORY = "category";
    public static final String PII_CATEGORIES = "piiCategories";
    public static final String THIRD_PARTIES = "thirdParties";
    public static final String SALE_OR_SHARING = "saleOrSharing";
    public static final String RETENTION = "retention";
    public static final String DECIDED_AT = "decidedAt";
    public static final String WITHDRAWN_AT = "withdrawnAt";
    public static final String CONFIRM_BY = "confirmBy";
    public static final String CONFIRMED_AT = "confirmedAt";

    public DecisionItem {
        piiCategories = List.copyOf(piiCategories);
        thirdParties = List.copyOf(thirdParties);
    }

    /** True for an item that holds a decision. */
    public static boolean is(StoredItem item) {
        return item.pk().startsWith(ConsentTable.RECEIPT_PK_PREFIX)
                && item.sk().startsWith(ConsentTable.PURPOSE_SK_PREFIX);
    }

    public String pk() {
        return ConsentTable.receiptPk(receiptId);
    }

    public String sk() {
        return ConsentTable.purposeSk(purposeId);
    }

    /** Where the sealed fields of a decision live: the envelope is bound to it. */
    public static RecordBinding binding(String table, String receiptId, String purposeId) {
        return new RecordBinding(
                table,
                ConsentTable.receiptPk(receiptId),
                ConsentTable.purposeSk(purposeId),
                ConsentTable.SEALED);
    }

    public RecordBinding binding(String table) {
        return binding(table, receiptId, purposeId);
    }

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        subjectKeys.putInto(a);
        a.put(PURPOSE_ID, purposeId);
        a.put(STATUS, status.name());
        ReceiptItem.putIfPresent(a, REASON, reason);
        ReceiptItem.putIfPresent(a, DESCRIPTION, description);
        ReceiptItem.putIfPresent(a, CATEGORY, category);
        a.put(PII_CATEGORIES, piiCategories);
        a.put(THIRD_PARTIES, thirdParties);
        a.put(SALE_OR_SHARING, saleOrSharing);
        ReceiptItem.putIfPresent(a, RETENTION, retention);
        a.put(DECIDED_AT, decidedAt.toString());
        if (withdrawnAt != null) {
            a.put(WITHDRAWN_AT, withdrawnAt.toString());
        }
        ReceiptItem.putIfPresent(a, CONFIRM_BY, confirmBy);
        if (confirmedAt != null) {
            a.put(CONFIRMED_AT, confirmedAt.toString());
        }
        a.put(ConsentTable.EXPIRES_AT, expiresAt);
        ReceiptItem.putIfPresent(a, ConsentTable.SEALED, sealed);
        return new StoredItem(pk(), sk(), a);
    }

    public static DecisionItem of(StoredItem item) {
        if (!is(item)) {
            throw new IllegalArgumentException("not a decision item: " + item);
        }
        String withdrawn = item.string(WITHDRAWN_AT);
        String confirmed = item.string(CONFIRMED_AT);
        return new DecisionItem(
                item.pk().substring(ConsentTable.RECEIPT_PK_PREFIX.length()),
                item.string(PURPOSE_ID),
                ConsentStatus.valueOf(item.string(STATUS)),
                item.string(REASON),
                item.string(DESCRIPTION),
                item.string(CATEGORY),
                item.strings(PII_CATEGORIES),
                item.strings(THIRD_PARTIES),
                Boolean.TRUE.equals(item.attributes().get(SALE_OR_SHARING)),
                item.string(RETENTION),
                Instant.parse(item.string(DECIDED_AT)),
                withdrawn == null ? null : Instant.parse(withdrawn),
                item.number(ConsentTable.EXPIRES_AT),
                SubjectKeyPair.of(item),
                item.bytes(ConsentTable.SEALED),
                item.string(CONFIRM_BY),
                confirmed == null ? null : Instant.parse(confirmed));
    }

    /**
     * The proof a withdrawal leaves: WITHDRAWN, the sealed fields gone, kept until the proof
     * expires, without the subject keys no remaining purpose keeps.
     */
    public DecisionItem withdrawn(Withdrawal withdrawal) {
        return new DecisionItem(
                receiptId,
                purposeId,
                ConsentStatus.WITHDRAWN,
                reason,
                description,
                category,
                piiCategories,
                thirdParties,
                saleOrSharing,
                retention,
                decidedAt,
                withdrawal.withdrawnAt(),
                withdrawal.proofExpiresAt(),
                subjectKeys.without(withdrawal.subjectKeysToRemove()),
                null,
                null,
                confirmedAt);
    }

    /** Another decision of a withdrawn receipt: it only loses the subject keys no one keeps. */
    public DecisionItem withoutSubjectKeys(List<String> attributeNames) {
        return new DecisionItem(
                receiptId,
                purposeId,
                status,
                reason,
                description,
                category,
                piiCategories,
                thirdParties,
                saleOrSharing,
                retention,
                decidedAt,
                withdrawnAt,
                expiresAt,
                subjectKeys.without(attributeNames),
                sealed,
                confirmBy,
                confirmedAt);
    }

    /**
     * The decision once confirmed: GRANTED from {@code at}, for its purpose's retention from then.
     */
    public DecisionItem confirmed(Instant at, long newExpiresAt) {
        return new DecisionItem(
                receiptId,
                purposeId,
                ConsentStatus.GRANTED,
                reason,
                description,
                category,
                piiCategories,
                thirdParties,
                saleOrSharing,
                retention,
                decidedAt,
                withdrawnAt,
                newExpiresAt,
                subjectKeys,
                sealed,
                null,
                at);
    }

    /** GRANTED, or granted and waiting for confirmation: it holds personal fields. */
    public boolean keepsFields() {
        return status == ConsentStatus.GRANTED || status == ConsentStatus.PENDING_CONFIRMATION;
    }

    @Override
    public String toString() {
        // the sealed envelope stays out of logs
        return "DecisionItem[receiptId=" + receiptId + ", purposeId=" + purposeId + "]";
    }
}
