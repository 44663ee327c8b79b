package dev.consentvault.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.consent.FieldError;
import dev.consentvault.core.consent.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivacyRequestParserTest {

    private static final String RECEIPT = "7fa6c9af-f8da-4804-a42f-f869386e8159";
    private static final String CONTACT = "ana.kowalczyk@example.com";
    private static final String MESSAGE = "You keep emailing me, Ana Kowalczyk";

    private static PrivacyRequestCommand parse(String body, boolean token) {
        return PrivacyRequestParser.parse(
                body.getBytes(StandardCharsets.UTF_8), token, Jurisdictions.standard());
    }

    private static InvalidRequestException refused(String body, boolean token) {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> parse(body, token));
        String all = e.getMessage() + e.errors();
        for (String secret : List.of(CONTACT, "Kowalczyk", "emailing")) {
            assertFalse(all.contains(secret), () -> "the refusal echoes what was sent: " + all);
        }
        return e;
    }

    private static List<String> fields(InvalidRequestException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aDeletionWithItsReceipt() {
        PrivacyRequestCommand command =
                parse("{\"type\": \"deletion\", \"receiptId\": \"" + RECEIPT + "\"}", true);
        assertEquals(
                new PrivacyRequestCommand(RequestType.DELETION, RECEIPT, null, null, null),
                command);
    }

    @Test
    void aComplaintWithEveryFieldAndAToStringWithoutPersonalData() {
        PrivacyRequestCommand command =
                parse(
                        "{\"type\": \"complaint\", \"message\": \""
                                + MESSAGE
                                + "\", \"contact\": \""
                                + CONTACT
                                + "\", \"jurisdiction\": \"US-CA\"}",
                        false);
        assertEquals(RequestType.COMPLAINT, command.type());
        assertEquals(MESSAGE, command.message());
        assertEquals(CONTACT, command.contact());
        assertEquals("US-CA", command.jurisdiction());
        assertNull(command.receiptId());
        assertFalse(command.toString().contains("Kowalczyk"), command.toString());
        assertFalse(command.toString().contains(CONTACT), command.toString());
    }

    @Test
    void aComplaintNamingAReceiptWithItsTokenNeedsNoContact() {
        PrivacyRequestCommand command =
                parse(
                        "{\"type\": \"complaint\", \"receiptId\": \""
                                + RECEIPT
                                + "\", \"message\": \"hello\"}",
                        true);
        assertEquals(RECEIPT, command.receiptId());
        assertNull(command.contact());
    }

    @Test
    void aComplaintNamingAReceiptWithoutItsTokenAndWithoutContactIsRefused() {
        InvalidRequestException e =
                refused(
                        "{\"type\": \"complaint\", \"receiptId\": \""
                                + RECEIPT
                                + "\", \"message\": \"hello\"}",
                        false);
        assertEquals(List.of("contact"), fields(e));
        assertTrue(e.errors().get(0).message().contains("Bearer"), e.errors().toString());
    }

    @Test
    void aComplaintWithoutReceiptOrContactIsRefused() {
        assertEquals(
                List.of("contact"),
                fields(refused("{\"type\": \"complaint\", \"message\": \"hello\"}", true)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "number type | {\"type\": 1, \"receiptId\": \"r\"} | type",
                "boolean receiptId | {\"type\": \"deletion\", \"receiptId\": true} | receiptId",
                "object message | {\"type\": \"complaint\", \"message\": {\"t\": \"x\"}, \"contact\": \"a@example.com\"} | message",
                "number contact | {\"type\": \"complaint\", \"message\": \"m\", \"contact\": 34600000000} | contact",
                "array jurisdiction | {\"type\": \"deletion\", \"receiptId\": \"r\", \"jurisdiction\": [\"EU\"]} | jurisdiction",
                "unknown type | {\"type\": \"refund\"} | type",
                "access is for staff | {\"type\": \"access\"} | type",
                "missing type | {\"receiptId\": \"r\"} | type",
                "unknown field | {\"type\": \"deletion\", \"receiptId\": \"r\", \"email\": \"a@example.com\"} | email",
                "deletion without receipt | {\"type\": \"deletion\"} | receiptId",
                "complaint without message | {\"type\": \"complaint\", \"contact\": \"a@example.com\"} | message",
                "blank message | {\"type\": \"complaint\", \"message\": \" \", \"contact\": \"a@example.com\"} | message",
                "contact neither email nor phone | {\"type\": \"complaint\", \"message\": \"m\", \"contact\": \"call me\"} | contact",
                "lower-case jurisdiction | {\"type\": \"deletion\", \"receiptId\": \"r\", \"jurisdiction\": \"eu\"} | jurisdiction",
                "unsupported jurisdiction | {\"type\": \"deletion\", \"receiptId\": \"r\", \"jurisdiction\": \"US-NY\"} | jurisdiction"
            })
    void eachBrokenRuleIsNamedOnce(String label, String body, String field) {
        assertEquals(List.of(field), fields(refused(body, true)));
    }

    @Test
    void aWrongTypeSaysItMustBeAString() {
        InvalidRequestException e = refused("{\"type\": \"deletion\", \"receiptId\": 12345}", true);
        assertEquals(List.of(new FieldError("receiptId", "must-be-string")), e.errors());
        assertEquals("The privacy request has 1 problem.", e.getMessage());
    }

    @Test
    void aMessageOverTheLimitIsRefused() {
        String longMessage = "a".repeat(PrivacyRequestParser.MAX_MESSAGE + 1);
        assertEquals(
                List.of("message"),
                fields(
                        refused(
                                "{\"type\": \"complaint\", \"message\": \""
                                        + longMessage
                                        + "\", \"contact\": \"a@example.com\"}",
                                false)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\": \"deletion\", \"type\": \"complaint\", \"receiptId\": \"r\"}",
                "{\"type\": \"deletion\", \"receiptId\": \"r\"} {\"type\": \"complaint\"}",
                "{\"type\": \"deletion\", \"receiptId\": \"r\"} trailing",
                "{nope",
                "",
                "[]"
            })
    void bodiesTheStrictReaderRefusesAreRefusedWithoutFieldErrors(String body) {
        assertTrue(refused(body, true).errors().isEmpty());
    }

    @Test
    void notJsonIsNotCalledADuplicate() {
        assertEquals("The request body is not valid JSON.", refused("{nope", true).getMessage());
        assertTrue(
                refused("{\"type\": \"deletion\", \"type\": \"deletion\"}", true)
                        .getMessage()
                        .contains("more than once"));
    }
}
