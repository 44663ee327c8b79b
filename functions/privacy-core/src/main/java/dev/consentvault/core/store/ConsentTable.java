package dev.consentvault.core.store;

/**
 * Layout of the consent table: every key format and attribute name in one place.
 *
 * <pre>
 *   pk                     sk               what
 *   RECEIPT#{receiptId}    RECEIPT          the receipt: token hash, subject keys, summary, no PII in clear
 *   RECEIPT#{receiptId}    PURPOSE#{id}     one consent decision; personal fields that purpose needs, sealed
 *   IDEMPOTENCY#{digest}   MARKER           replay protection for Idempotency-Key (24 h), response sealed
 *   CONFIG                 INDEX_KEY        the KMS-wrapped subject index key
 *   OUTBOX#{messageId}     MESSAGE          a message to send (transactional outbox), recipient sealed
 *   CONFIRMATION#{receiptId} EMAIL | SMS    a pending double opt-in: the link's or code's hash, attempts
 * </pre>
 *
 * Every item with personal meaning carries {@code expiresAt} (epoch seconds, the table's TTL
 * attribute). Every item of a capture carries the subject keys {@code emailKey} / {@code phoneKey}
 * (HMACs of the identifiers its granted purposes keep), indexed so that erasure finds all of a
 * person's items. Each item kind is a record with its own attribute names: {@link ReceiptItem},
 * {@link DecisionItem}, {@link IdempotencyMarker}, {@link IndexKeyItem}; {@link IndexedItem} is
 * what the subject-key indexes return.
 */
public final class ConsentTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String EMAIL_KEY = "emailKey";
    public static final String PHONE_KEY = "phoneKey";
    public static final String SEALED = "sealed";

    /** The global secondary indexes on {@link #EMAIL_KEY} and {@link #PHONE_KEY}. */
    public static final String EMAIL_KEY_INDEX = "byEmailKey";

    public static final String PHONE_KEY_INDEX = "byPhoneKey";

    public static final String RECEIPT_PK_PREFIX = "RECEIPT#";
    public static final String PURPOSE_SK_PREFIX = "PURPOSE#";
    public static final String IDEMPOTENCY_PK_PREFIX = "IDEMPOTENCY#";
    public static final String RECEIPT_SK = "RECEIPT";
    public static final String MARKER_SK = "MARKER";
    public static final String OUTBOX_PK_PREFIX = "OUTBOX#";
    public static final String CONFIRMATION_PK_PREFIX = "CONFIRMATION#";
    public static final String MESSAGE_SK = "MESSAGE";
    public static final String CONFIG_PK = "CONFIG";
    public static final String INDEX_KEY_SK = "INDEX_KEY";

    private ConsentTable() {}

    /** The index that finds items by a subject-key attribute. */
    public static String indexOn(String subjectKeyAttribute) {
        return switch (subjectKeyAttribute) {
            case EMAIL_KEY -> EMAIL_KEY_INDEX;
            case PHONE_KEY -> PHONE_KEY_INDEX;
            default -> throw new IllegalArgumentException("no index on " + subjectKeyAttribute);
        };
    }

    public static String receiptPk(String receiptId) {
        return RECEIPT_PK_PREFIX + receiptId;
    }

    public static String purposeSk(String purposeId) {
        return PURPOSE_SK_PREFIX + purposeId;
    }

    public static String confirmationPk(String receiptId) {
        return CONFIRMATION_PK_PREFIX + receiptId;
    }

    public static String outboxPk(String messageId) {
        return OUTBOX_PK_PREFIX + messageId;
    }

    public static String idempotencyPk(String digest) {
        return IDEMPOTENCY_PK_PREFIX + digest;
    }
}
