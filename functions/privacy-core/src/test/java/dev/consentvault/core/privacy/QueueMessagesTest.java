package dev.consentvault.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueueMessagesTest {

    @Test
    void deletionMessagesRoundTripWithTheirSchemaVersion() {
        QueueMessages.Deletion message = new QueueMessages.Deletion("req-1", "rcpt-1", "ek", null);
        String body = QueueMessages.deletion(message);
        assertEquals(
                "{\"schema\":\"consent-vault.deletion-request/1\",\"requestId\":\"req-1\","
                        + "\"subject\":{\"receiptId\":\"rcpt-1\",\"emailKey\":\"ek\"}}",
                body);
        assertEquals(message, QueueMessages.parseDeletion(body));
    }

    @Test
    void complaintMessagesCarryOnlyTheRequestId() {
        assertEquals(
                "{\"schema\":\"consent-vault.complaint/1\",\"requestId\":\"req-2\"}",
                QueueMessages.complaint("req-2"));
        assertEquals("req-2", QueueMessages.parseComplaint(QueueMessages.complaint("req-2")));
    }

    @Test
    void anythingElseIsAPoisonMessage() {
        assertThrows(IllegalArgumentException.class, () -> QueueMessages.parseDeletion("not json"));
        assertThrows(
                IllegalArgumentException.class,
                () -> QueueMessages.parseDeletion(QueueMessages.complaint("x")));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        QueueMessages.parseDeletion(
                                "{\"schema\":\"consent-vault.deletion-request/2\",\"requestId\":\"x\"}"));
        assertThrows(
                IllegalArgumentException.class,
                () -> QueueMessages.parseComplaint("{\"requestId\": 1}"));
    }
}
