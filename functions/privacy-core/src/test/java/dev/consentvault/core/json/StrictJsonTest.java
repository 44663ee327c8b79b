package dev.consentvault.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.consent.FieldError;
import dev.consentvault.core.consent.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    private static JsonFields read(String body) {
        return StrictJson.readObject(body.getBytes(StandardCharsets.UTF_8), "{\"a\": ...}");
    }

    private static String refusal(String body) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(body));
        assertTrue(e.errors().isEmpty(), "a body that cannot be read has no field errors");
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{nope",
                "{\"a\": \"ana@example.com\"",
                "{'a': 1}",
                "{\"a\": 1,}",
                "{\"a\": NaN}",
                "a=1"
            })
    void notJsonSaysSoAndNothingAboutDuplicates(String body) {
        String message = refusal(body);
        assertEquals("The request body is not valid JSON.", message);
        assertFalse(message.contains("ana@example.com"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\": \"x\", \"a\": \"x\"}",
                "{\"a\": {\"b\": 1, \"b\": 2}}",
                "{\"a\": [{\"ana@example.com\": 1, \"ana@example.com\": 2}]}"
            })
    void aRepeatedFieldIsNamedAsSuchWithoutEchoingIt(String body) {
        String message = refusal(body);
        assertTrue(message.contains("more than once"), message);
        assertFalse(message.contains("ana@example.com"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1} {\"a\": 2}", "{\"a\": 1} nope", "{\"a\": 1}]", "{} 42"})
    void textAfterTheObjectIsRefused(String body) {
        assertTrue(refusal(body).contains("text after its JSON object"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "null", "[]", "42", "\"a\"", "true"})
    void anythingButAnObjectIsRefusedWithTheShapeExpected(String body) {
        assertEquals("The request body must be a JSON object: {\"a\": ...}.", refusal(body));
    }

    @Test
    void aNullBodyIsAnEmptyOne() {
        assertThrows(InvalidRequestException.class, () -> StrictJson.readObject(null, "{}"));
    }

    @Test
    void whitespaceAroundTheObjectIsFine() {
        assertTrue(read("\n {\"a\": 1} \r\n").contains("a"));
    }

    @Test
    void typedAccessorsReportWrongTypesByPathAndFinishListsThemAll() {
        JsonFields root =
                read(
                        "{\"s\": \"ok\", \"n\": 7, \"b\": true, \"o\": {\"x\": 1}, \"z\": null,"
                                + " \"inner\": {\"t\": false, \"u\": \"x\"}}");
        assertEquals("ok", root.string("s"));
        assertNull(root.string("n"));
        assertNull(root.string("b"));
        assertNull(root.string("o"));
        assertNull(root.string("z"), "null is absent");
        assertNull(root.string("missing"));
        JsonFields inner = root.object("inner", "must be an object");
        assertNull(inner.string("t"));
        inner.refuseUnknown(Set.of("t"));
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> root.finish("The thing"));
        assertEquals(
                List.of(
                        new FieldError("n", "must-be-string"),
                        new FieldError("b", "must-be-string"),
                        new FieldError("o", "must-be-string"),
                        new FieldError("inner.t", "must-be-string"),
                        new FieldError("inner.u", "not-accepted")),
                e.errors());
        assertEquals("The thing has 5 problems.", e.getMessage());
    }

    @Test
    void patternRequiredAndBooleanAccessors() {
        JsonFields root = read("{\"code\": \"EU\", \"bad\": \"eu\", \"flag\": \"yes\", \"o\": 1}");
        Pattern upper = Pattern.compile("[A-Z]{2}");
        assertEquals("EU", root.string("code", upper, true, "jurisdiction-code"));
        assertNull(root.string("bad", upper, true, "jurisdiction-code"));
        assertNull(root.string("missing", upper, true, "jurisdiction-code"));
        assertNull(root.string("optional", upper, false, "jurisdiction-code"));
        assertNull(root.bool("flag", "purpose-bool"));
        assertNull(root.object("o", "subject-object"));
        assertTrue(root.hasErrorAt("bad"));
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> root.finish("It"));
        assertEquals(
                List.of(
                        new FieldError("bad", "jurisdiction-code"),
                        new FieldError("missing", "required"),
                        new FieldError("flag", "purpose-bool"),
                        new FieldError("o", "subject-object")),
                e.errors());
        assertEquals("It has 4 problems.", e.getMessage());
    }

    @Test
    void oneProblemIsSingular() {
        JsonFields root = read("{\"n\": 1}");
        root.string("n");
        assertEquals(
                "It has 1 problem.",
                assertThrows(InvalidRequestException.class, () -> root.finish("It")).getMessage());
    }

    @Test
    void aCleanReadFinishesQuietly() {
        JsonFields root = read("{\"s\": \"ok\"}");
        assertEquals("ok", root.string("s"));
        assertTrue(root.valid());
        root.finish("It");
    }
}
