package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WithdrawalRequestParserTest {

    private static final List<String> ON_RECEIPT =
            List.of("marketing-email", "marketing-sms", "analytics");

    private static WithdrawalRequest parse(String body) {
        return WithdrawalRequestParser.parse(body.getBytes(StandardCharsets.UTF_8), ON_RECEIPT);
    }

    private static InvalidRequestException refused(String body) {
        return assertThrows(InvalidRequestException.class, () -> parse(body));
    }

    @Test
    void noBodyOrAnEmptyObjectWithdrawsEveryPurpose() {
        assertEquals(ON_RECEIPT, parse("").purposeIds());
        assertEquals(ON_RECEIPT, parse("{}").purposeIds());
        assertEquals(ON_RECEIPT, WithdrawalRequestParser.parse(null, ON_RECEIPT).purposeIds());
    }

    @Test
    void listedPurposesInTheOrderSentOnceEach() {
        assertEquals(
                List.of("marketing-sms", "marketing-email"),
                parse("{\"purposes\": [\"marketing-sms\", \"marketing-email\", \"marketing-sms\"]}")
                        .purposeIds());
    }

    @Test
    void everyProblemIsNamedByPositionAtOnce() {
        InvalidRequestException e =
                refused("{\"purposes\": [\"newsletter\", 7, true, \"analytics\"], \"why\": \"x\"}");
        assertEquals(
                List.of(
                        new FieldError("why", "not-accepted"),
                        new FieldError("purposes[0]", "not-receipt-purpose"),
                        new FieldError("purposes[1]", "purpose-id-string"),
                        new FieldError("purposes[2]", "purpose-id-string")),
                e.errors());
        assertEquals("The withdrawal has 4 problems.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"purposes\": 1}",
                "{\"purposes\": \"analytics\"}",
                "{\"purposes\": false}"
            })
    void purposesOfTheWrongTypeAreRefused(String body) {
        assertEquals("purposes", refused(body).errors().get(0).field());
    }

    @Test
    void theStrictReaderAppliesToo() {
        assertEquals("The request body is not valid JSON.", refused("{nope").getMessage());
        assertTrue(
                refused("{\"purposes\": [\"analytics\"], \"purposes\": [\"analytics\"]}")
                        .getMessage()
                        .contains("more than once"));
        assertTrue(refused("{} {}").getMessage().contains("text after"));
    }
}
