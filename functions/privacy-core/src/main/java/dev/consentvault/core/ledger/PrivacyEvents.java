package dev.consentvault.core.ledger;

import dev.consentvault.core.privacy.PrivacyRequestTable;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.ReceiptItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the ledger records of each change to the consent and privacy-requests tables. Only keys,
 * statuses, instants and staff ids are read: never a sealed field, a token hash or a subject key
 * (subject keys are hashed again, receipt ids hashed). Free text a person or staff typed (an
 * extension reason, a ticket) is never copied.
 */
public final class PrivacyEvents {

    /** A decision waiting for the person to confirm it through their channel (double opt-in). */
    public static final String PENDING_CONFIRMATION = "PENDING_CONFIRMATION";

    private PrivacyEvents() {}

    /** The events of one consent-table change (none for markers and configuration). */
    public static List<LedgerEvent> ofConsentChange(TableChange change) {
        String pk = change.pk();
        String sk = change.sk();
        if (pk == null || sk == null || !pk.startsWith(ConsentTable.RECEIPT_PK_PREFIX)) {
            return List.of();
        }
        String receiptId = pk.substring(ConsentTable.RECEIPT_PK_PREFIX.length());
        String key = "consent/" + change.eventId();
        String purposeId =
                sk.startsWith(ConsentTable.PURPOSE_SK_PREFIX)
                        ? sk.substring(ConsentTable.PURPOSE_SK_PREFIX.length())
                        : null;
        if (change.removed()) {
            return List.of(
                    LedgerEvent.of(
                                    key,
                                    change.at(),
                                    change.byTtl() ? EventKind.TTL_EXPIRY : EventKind.ERASURE)
                            .receipt(receiptId)
                            .purpose(purposeId)
                            .detail(purposeId == null ? "record=receipt" : "record=decision")
                            .build());
        }
        if (ConsentTable.RECEIPT_SK.equals(sk)) {
            if (!change.inserted()) {
                return List.of();
            }
            return List.of(
                    LedgerEvent.of(key, change.at(), EventKind.CAPTURE)
                            .receipt(receiptId)
                            .subjectRef(subjectRef(change.newImage()))
                            .detail(
                                    "jurisdiction="
                                            + change.newString(ReceiptItem.JURISDICTION)
                                            + " notice="
                                            + change.newString(ReceiptItem.NOTICE_VERSION)
                                            + " gpc="
                                            + Objects.equals(
                                                    Boolean.TRUE,
                                                    change.newValue(
                                                            ReceiptItem.GLOBAL_PRIVACY_CONTROL)))
                            .build());
        }
        if (purposeId == null) {
            return List.of();
        }
        String before = change.oldString(DecisionItem.STATUS);
        String after = change.newString(DecisionItem.STATUS);
        if (change.inserted()) {
            String reason = change.newString(DecisionItem.REASON);
            return List.of(
                    LedgerEvent.of(key, change.at(), EventKind.DECISION)
                            .receipt(receiptId)
                            .purpose(purposeId)
                            .detail("status=" + after + (reason == null ? "" : " reason=" + reason))
                            .build());
        }
        if (before == null || after == null || before.equals(after)) {
            return List.of();
        }
        EventKind kind =
                "WITHDRAWN".equals(after)
                        ? EventKind.WITHDRAWAL
                        : PENDING_CONFIRMATION.equals(before) && "GRANTED".equals(after)
                                ? EventKind.CONFIRMATION
                                : EventKind.DECISION;
        return List.of(
                LedgerEvent.of(key, change.at(), kind)
                        .receipt(receiptId)
                        .purpose(purposeId)
                        .detail("status=" + before + "->" + after)
                        .build());
    }

    /** The events of one privacy-requests-table change: filing, status changes, staff actions. */
    public static List<LedgerEvent> ofRequestChange(TableChange change) {
        String pk = change.pk();
        if (pk == null || !pk.startsWith(PrivacyRequestTable.PK_PREFIX)) {
            return List.of();
        }
        String requestId = pk.substring(PrivacyRequestTable.PK_PREFIX.length());
        String key = "requests/" + change.eventId();
        List<LedgerEvent.Builder> events = new ArrayList<>();
        if (change.removed()) {
            events.add(
                    LedgerEvent.of(
                                    key,
                                    change.at(),
                                    change.byTtl() ? EventKind.TTL_EXPIRY : EventKind.ERASURE)
                            .detail("record=request-proof"));
        } else if (change.inserted()) {
            String by = change.newString(PrivacyRequestTable.REQUESTED_BY);
            // an access request is filed by the staff member who has just answered it (export)
            boolean export = "access".equalsIgnoreCase(change.newString(PrivacyRequestTable.TYPE));
            events.add(
                    LedgerEvent.of(
                                    key,
                                    change.at(),
                                    export ? EventKind.STAFF_EXPORT : EventKind.REQUEST_FILED)
                            .receipt(change.newString(PrivacyRequestTable.RECEIPT_ID))
                            .subjectRef(subjectRef(change.newImage()))
                            .staff(staffOf(by))
                            .detail(
                                    "type="
                                            + change.newString(PrivacyRequestTable.TYPE)
                                            + " status="
                                            + change.newString(PrivacyRequestTable.STATUS)
                                            + " jurisdiction="
                                            + change.newString(PrivacyRequestTable.JURISDICTION)
                                            + (by != null && by.startsWith("staff:")
                                                    ? ""
                                                    : " by=" + by)));
        } else if (change.modified()) {
            modifications(change, key, events);
        }
        List<LedgerEvent> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            LedgerEvent e = events.get(i).request(requestId).build();
            out.add(
                    i == 0
                            ? e
                            : new LedgerEvent(
                                    e.eventKey() + "#" + i,
                                    e.at(),
                                    e.kind(),
                                    e.receiptRef(),
                                    e.requestId(),
                                    e.purposeId(),
                                    e.subjectRef(),
                                    e.staffId(),
                                    e.detail()));
        }
        return out;
    }

    private static void modifications(
            TableChange change, String key, List<LedgerEvent.Builder> events) {
        String before = change.oldString(PrivacyRequestTable.STATUS);
        String after = change.newString(PrivacyRequestTable.STATUS);
        String write = change.newString(PrivacyRequestTable.ACTED_WRITE);
        String actor =
                write != null && !write.equals(change.oldString(PrivacyRequestTable.ACTED_WRITE))
                        ? staffOf(change.newString(PrivacyRequestTable.ACTED_BY))
                        : null;
        if (after != null && !after.equals(before)) {
            String verifiedBy = change.newString(PrivacyRequestTable.VERIFIED_BY);
            EventKind kind =
                    "AWAITING_VERIFICATION".equals(before) && verifiedBy != null
                            ? EventKind.STAFF_VERIFY
                            : "CLOSED".equals(after)
                                    ? EventKind.STAFF_CLOSE
                                    : EventKind.REQUEST_STATUS;
            String erased = change.newString(PrivacyRequestTable.ITEMS_ERASED);
            events.add(
                    LedgerEvent.of(key, change.at(), kind)
                            .staff(kind == EventKind.STAFF_VERIFY ? staffOf(verifiedBy) : actor)
                            .detail(
                                    "status="
                                            + before
                                            + "->"
                                            + after
                                            + (erased == null ? "" : " itemsErased=" + erased)));
        }
        if (change.oldString(PrivacyRequestTable.ACKNOWLEDGED_AT) == null
                && change.newString(PrivacyRequestTable.ACKNOWLEDGED_AT) != null) {
            events.add(LedgerEvent.of(key, change.at(), EventKind.STAFF_ACKNOWLEDGE).staff(actor));
        }
        String dueBefore = change.oldString(PrivacyRequestTable.DUE_AT);
        String dueAfter = change.newString(PrivacyRequestTable.DUE_AT);
        if (dueBefore != null
                && dueAfter != null
                && !dueBefore.equals(dueAfter)
                && change.newString(PrivacyRequestTable.EXTENSION_REASON) != null) {
            events.add(
                    LedgerEvent.of(key, change.at(), EventKind.STAFF_EXTEND)
                            .staff(actor)
                            .detail("dueAt=" + dueBefore + "->" + dueAfter));
        }
        if (change.newValue(PrivacyRequestTable.REVEALS) instanceof List<?> reveals
                && reveals.size() > change.oldListSize(PrivacyRequestTable.REVEALS)
                && reveals.get(reveals.size() - 1) instanceof Map<?, ?> last) {
            Object by = last.get(PrivacyRequestTable.REVEALED_BY);
            events.add(
                    LedgerEvent.of(key, change.at(), EventKind.STAFF_REVEAL)
                            .staff(by == null ? null : staffOf(by.toString())));
        }
    }

    /** "staff:ana" → "ana"; a receipt holder or complainant is no staff member. */
    static String staffOf(String by) {
        return by != null && by.startsWith("staff:") ? by.substring("staff:".length()) : null;
    }

    private static String subjectRef(Map<String, Object> image) {
        Object key = image.get(ConsentTable.EMAIL_KEY);
        if (key == null) {
            key = image.get(ConsentTable.PHONE_KEY);
        }
        return key == null ? null : Refs.subjectRef(key.toString());
    }
}
