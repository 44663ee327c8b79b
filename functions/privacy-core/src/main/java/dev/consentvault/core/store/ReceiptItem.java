package dev.consentvault.core.store;

import dev.consentvault.core.purpose.PersonalField;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The receipt item ({@code RECEIPT#{receiptId}} / {@code RECEIPT}): what a capture recorded, with
 * no personal data in clear. The receipt token is kept only as its SHA-256 ({@code tokenHash}).
 *
 * @param language the capture's locale, or null
 * @param sourceCampaign or null
 * @param purposeIds the purposes in the order the person was asked
 * @param lastWithdrawalAt when a purpose was last withdrawn, or null
 * @param expiresAt epoch seconds (TTL): the latest expiry of its decisions, or of a withdrawal's
 *     proof
 * @param verified the identifiers (email, phone) the person proved control of on this receipt, by a
 *     confirmation link or code; empty at capture
 * @param noticeSha256 SHA-256 (hex) of the notice text shown, or null (captured before notices were
 *     versioned)
 * @param separateConsents the purposes the person gave a separate consent for (PIPL)
 */
public record ReceiptItem(
        String receiptId,
        String tokenHash,
        Instant capturedAt,
        String jurisdiction,
        String language,
        String noticeVersion,
        String sourcePage,
        String sourceCampaign,
        boolean globalPrivacyControl,
        List<String> purposeIds,
        Instant lastWithdrawalAt,
        long expiresAt,
        SubjectKeyPair subjectKeys,
        Set<PersonalField> verified,
        String noticeSha256,
        List<String> separateConsents) {

    public static final String TOKEN_HASH = "tokenHash";
    public static final String CAPTURED_AT = "capturedAt";
    public static final String JURISDICTION = "jurisdiction";
    public static final String LANGUAGE = "language";
    public static final String NOTICE_VERSION = "noticeVersion";
    public static final String SOURCE_PAGE = "sourcePage";
    public static final String SOURCE_CAMPAIGN = "sourceCampaign";
    public static final String GLOBAL_PRIVACY_CONTROL = "globalPrivacyControl";
    public static final String PURPOSE_IDS = "purposeIds";
    public static final String LAST_WITHDRAWAL_AT = "lastWithdrawalAt";
    public static final String VERIFIED = "verified";
    public static final String NOTICE_SHA256 = "noticeSha256";
    public static final String SEPARATE_CONSENTS = "separateConsents";

    public ReceiptItem {
        purposeIds = List.copyOf(purposeIds);
        separateConsents = List.copyOf(separateConsents);
        EnumSet<PersonalField> fields = EnumSet.noneOf(PersonalField.class);
        if (verified != null) {
            fields.addAll(verified);
        }
        if (fields.contains(PersonalField.NAME)) {
            throw new IllegalArgumentException("only an email or a phone can be verified");
        }
        verified = Collections.unmodifiableSet(fields);
    }

    /** True for the item that holds a receipt (not a decision, marker or config item). */
    public static boolean is(StoredItem item) {
        return item.pk().startsWith(ConsentTable.RECEIPT_PK_PREFIX)
                && item.sk().equals(ConsentTable.RECEIPT_SK);
    }

    public String pk() {
        return ConsentTable.receiptPk(receiptId);
    }

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        subjectKeys.putInto(a);
        a.put(TOKEN_HASH, tokenHash);
        a.put(CAPTURED_AT, capturedAt.toString());
        a.put(JURISDICTION, jurisdiction);
        putIfPresent(a, LANGUAGE, language);
        a.put(NOTICE_VERSION, noticeVersion);
        a.put(SOURCE_PAGE, sourcePage);
        putIfPresent(a, SOURCE_CAMPAIGN, sourceCampaign);
        a.put(GLOBAL_PRIVACY_CONTROL, globalPrivacyControl);
        a.put(PURPOSE_IDS, purposeIds);
        if (lastWithdrawalAt != null) {
            a.put(LAST_WITHDRAWAL_AT, lastWithdrawalAt.toString());
        }
        if (!verified.isEmpty()) {
            a.put(VERIFIED, verified.stream().map(PersonalField::jsonName).toList());
        }
        a.put(ConsentTable.EXPIRES_AT, expiresAt);
        putIfPresent(a, NOTICE_SHA256, noticeSha256);
        if (!separateConsents.isEmpty()) {
            a.put(SEPARATE_CONSENTS, separateConsents);
        }
        return new StoredItem(pk(), ConsentTable.RECEIPT_SK, a);
    }

    public static ReceiptItem of(StoredItem item) {
        if (!is(item)) {
            throw new IllegalArgumentException("not a receipt item: " + item);
        }
        String lastWithdrawal = item.string(LAST_WITHDRAWAL_AT);
        return new ReceiptItem(
                item.pk().substring(ConsentTable.RECEIPT_PK_PREFIX.length()),
                item.string(TOKEN_HASH),
                Instant.parse(item.string(CAPTURED_AT)),
                item.string(JURISDICTION),
                item.string(LANGUAGE),
                item.string(NOTICE_VERSION),
                item.string(SOURCE_PAGE),
                item.string(SOURCE_CAMPAIGN),
                Boolean.TRUE.equals(item.attributes().get(GLOBAL_PRIVACY_CONTROL)),
                item.strings(PURPOSE_IDS),
                lastWithdrawal == null ? null : Instant.parse(lastWithdrawal),
                item.number(ConsentTable.EXPIRES_AT),
                SubjectKeyPair.of(item),
                verified(item),
                item.string(NOTICE_SHA256),
                item.strings(SEPARATE_CONSENTS));
    }

    private static Set<PersonalField> verified(StoredItem item) {
        EnumSet<PersonalField> fields = EnumSet.noneOf(PersonalField.class);
        for (String name : item.strings(VERIFIED)) {
            fields.add(
                    PersonalField.fromJsonName(name)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "unknown verified identifier on a receipt")));
        }
        return fields;
    }

    /** The receipt once the person proved control of this identifier. */
    public ReceiptItem withVerified(PersonalField identifier) {
        EnumSet<PersonalField> fields = EnumSet.of(identifier);
        fields.addAll(verified);
        return new ReceiptItem(
                receiptId,
                tokenHash,
                capturedAt,
                jurisdiction,
                language,
                noticeVersion,
                sourcePage,
                sourceCampaign,
                globalPrivacyControl,
                purposeIds,
                lastWithdrawalAt,
                expiresAt,
                subjectKeys,
                fields,
                noticeSha256,
                separateConsents);
    }

    /**
     * The receipt after a withdrawal: it records when, lives as long as the withdrawal's proof, and
     * loses the subject keys no remaining purpose keeps.
     */
    public ReceiptItem withdrawalRecorded(Withdrawal withdrawal) {
        return new ReceiptItem(
                receiptId,
                tokenHash,
                capturedAt,
                jurisdiction,
                language,
                noticeVersion,
                sourcePage,
                sourceCampaign,
                globalPrivacyControl,
                purposeIds,
                withdrawal.withdrawnAt(),
                withdrawal.receiptExpiresAt(),
                subjectKeys.without(withdrawal.subjectKeysToRemove()),
                verified,
                noticeSha256,
                separateConsents);
    }

    static void putIfPresent(Map<String, Object> attributes, String name, Object value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}
