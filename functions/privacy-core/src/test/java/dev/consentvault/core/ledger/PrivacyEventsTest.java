package dev.consentvault.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivacyEventsTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final String RECEIPT = "7fa6c9af-1111-4222-8333-944455556666";

    private static TableChange change(
            String name, String pk, String sk, Map<String, Object> old, Map<String, Object> now) {
        return new TableChange("ev1", name, AT, false, Map.of("pk", pk, "sk", sk), old, now);
    }

    @Test
    void aCaptureIsRecordedWithTheReceiptAndSubjectKeyHashedAndNothingPersonal() {
        List<LedgerEvent> events =
                PrivacyEvents.ofConsentChange(
                        change(
                                "INSERT",
                                "RECEIPT#" + RECEIPT,
                                "RECEIPT",
                                null,
                                Map.of(
                                        "emailKey", "EK-secret",
                                        "tokenHash", "TH-secret",
                                        "jurisdiction", "EU",
                                        "noticeVersion", "2026-11-01",
                                        "globalPrivacyControl", true,
                                        "sourceCampaign", "cny-2027")));
        assertEquals(1, events.size());
        LedgerEvent e = events.get(0);
        assertEquals(EventKind.CAPTURE, e.kind());
        assertEquals(Refs.receiptRef(RECEIPT), e.receiptRef());
        assertEquals(Refs.subjectRef("EK-secret"), e.subjectRef());
        assertEquals("jurisdiction=EU notice=2026-11-01 gpc=true", e.detail());
        assertFalse(e.toString().contains(RECEIPT) || e.toString().contains("secret"));
    }

    @Test
    void decisionsConfirmationsWithdrawalsAndRemovalsAreTold() {
        String pk = "RECEIPT#" + RECEIPT;
        assertEquals(
                "status=REFUSED reason=gpc",
                PrivacyEvents.ofConsentChange(
                                change(
                                        "INSERT",
                                        pk,
                                        "PURPOSE#personalised-ads",
                                        null,
                                        Map.of("status", "REFUSED", "reason", "gpc")))
                        .get(0)
                        .detail());
        LedgerEvent confirmed =
                PrivacyEvents.ofConsentChange(
                                change(
                                        "MODIFY",
                                        pk,
                                        "PURPOSE#marketing-email",
                                        Map.of("status", "PENDING_CONFIRMATION"),
                                        Map.of("status", "GRANTED")))
                        .get(0);
        assertEquals(EventKind.CONFIRMATION, confirmed.kind());
        assertEquals("marketing-email", confirmed.purposeId());
        assertEquals(
                EventKind.WITHDRAWAL,
                PrivacyEvents.ofConsentChange(
                                change(
                                        "MODIFY",
                                        pk,
                                        "PURPOSE#marketing-sms",
                                        Map.of("status", "GRANTED"),
                                        Map.of("status", "WITHDRAWN")))
                        .get(0)
                        .kind());
        assertTrue(
                PrivacyEvents.ofConsentChange(
                                change(
                                        "MODIFY",
                                        pk,
                                        "PURPOSE#marketing-sms",
                                        Map.of("status", "WITHDRAWN", "emailKey", "a"),
                                        Map.of("status", "WITHDRAWN")))
                        .isEmpty(),
                "losing a subject key is no new event");
        TableChange ttl =
                new TableChange(
                        "ev2",
                        "REMOVE",
                        AT,
                        true,
                        Map.of("pk", pk, "sk", "PURPOSE#analytics"),
                        null,
                        null);
        assertEquals(EventKind.TTL_EXPIRY, PrivacyEvents.ofConsentChange(ttl).get(0).kind());
        TableChange erased =
                new TableChange(
                        "ev3", "REMOVE", AT, false, Map.of("pk", pk, "sk", "RECEIPT"), null, null);
        assertEquals(EventKind.ERASURE, PrivacyEvents.ofConsentChange(erased).get(0).kind());
        assertTrue(
                PrivacyEvents.ofConsentChange(
                                change("INSERT", "IDEMPOTENCY#x", "MARKER", null, Map.of()))
                        .isEmpty());
    }

    @Test
    void staffActionsOnARequestNameTheStaffMemberButCopyNoFreeText() {
        String pk = "REQUEST#r-1";
        List<LedgerEvent> filed =
                PrivacyEvents.ofRequestChange(
                        change(
                                "INSERT",
                                pk,
                                "REQUEST",
                                null,
                                Map.of(
                                        "type", "deletion",
                                        "status", "RECEIVED",
                                        "jurisdiction", "EU",
                                        "requestedBy", "staff:maria",
                                        "ticket", "SUP-1 ana@example.com")));
        assertEquals(EventKind.REQUEST_FILED, filed.get(0).kind());
        assertEquals("maria", filed.get(0).staffId());
        assertEquals("r-1", filed.get(0).requestId());
        assertFalse(filed.get(0).toString().contains("ana@example.com"));

        List<LedgerEvent> changed =
                PrivacyEvents.ofRequestChange(
                        change(
                                "MODIFY",
                                pk,
                                "REQUEST",
                                Map.of("status", "OPEN", "dueAt", "2027-01-06T00:00:00Z"),
                                Map.of(
                                        "status", "ACKNOWLEDGED",
                                        "acknowledgedAt", "2026-12-06T10:00:00Z",
                                        "dueAt", "2027-03-06T00:00:00Z",
                                        "extensionReason", "the person sent ana@example.com again",
                                        "reveals", List.of(Map.of("by", "staff:li", "at", "x")))));
        assertEquals(
                List.of(
                        EventKind.REQUEST_STATUS,
                        EventKind.STAFF_ACKNOWLEDGE,
                        EventKind.STAFF_EXTEND,
                        EventKind.STAFF_REVEAL),
                changed.stream().map(LedgerEvent::kind).toList());
        assertEquals(
                List.of("ev1", "ev1#1", "ev1#2", "ev1#3"),
                changed.stream().map(e -> requestKey(e)).toList());
        assertEquals("li", changed.get(3).staffId());
        assertFalse(
                changed.toString().contains("ana@example.com"), "the extension's reason stays out");

        LedgerEvent verified =
                PrivacyEvents.ofRequestChange(
                                change(
                                        "MODIFY",
                                        pk,
                                        "REQUEST",
                                        Map.of("status", "AWAITING_VERIFICATION"),
                                        Map.of("status", "RECEIVED", "verifiedBy", "staff:maria")))
                        .get(0);
        assertEquals(EventKind.STAFF_VERIFY, verified.kind());
        assertEquals("maria", verified.staffId());
        LedgerEvent export =
                PrivacyEvents.ofRequestChange(
                                change(
                                        "INSERT",
                                        pk,
                                        "REQUEST",
                                        null,
                                        Map.of(
                                                "type",
                                                "access",
                                                "status",
                                                "COMPLETED",
                                                "requestedBy",
                                                "staff:li")))
                        .get(0);
        assertEquals(EventKind.STAFF_EXPORT, export.kind());
        assertNull(
                PrivacyEvents.ofRequestChange(
                                change(
                                        "INSERT",
                                        pk,
                                        "REQUEST",
                                        null,
                                        Map.of(
                                                "type",
                                                "complaint",
                                                "status",
                                                "RECEIVED",
                                                "requestedBy",
                                                "complainant")))
                        .get(0)
                        .staffId());
    }

    @Test
    void aStaffChangeIsAttributedOnlyWhenThisVeryWriteCarriesTheStaffMember() {
        String pk = "REQUEST#r-2";
        LedgerEvent closed =
                PrivacyEvents.ofRequestChange(
                                change(
                                        "MODIFY",
                                        pk,
                                        "REQUEST",
                                        Map.of(
                                                "status",
                                                "OPEN",
                                                "actedBy",
                                                "staff:li",
                                                "actedWrite",
                                                "w1"),
                                        Map.of(
                                                "status",
                                                "CLOSED",
                                                "actedBy",
                                                "staff:maria",
                                                "actedWrite",
                                                "w2")))
                        .get(0);
        assertEquals(EventKind.STAFF_CLOSE, closed.kind());
        assertEquals("maria", closed.staffId());
        LedgerEvent completed =
                PrivacyEvents.ofRequestChange(
                                change(
                                        "MODIFY",
                                        pk,
                                        "REQUEST",
                                        Map.of(
                                                "status",
                                                "RECEIVED",
                                                "actedBy",
                                                "staff:li",
                                                "actedWrite",
                                                "w1"),
                                        Map.of(
                                                "status",
                                                "COMPLETED",
                                                "actedBy",
                                                "staff:li",
                                                "actedWrite",
                                                "w1",
                                                "itemsErased",
                                                "7")))
                        .get(0);
        assertEquals(EventKind.REQUEST_STATUS, completed.kind());
        assertNull(completed.staffId(), "a function's write after a staff one is not the staff's");
        assertEquals("status=RECEIVED->COMPLETED itemsErased=7", completed.detail());
    }

    private static String requestKey(LedgerEvent e) {
        return e.eventKey().substring("requests/".length());
    }
}
