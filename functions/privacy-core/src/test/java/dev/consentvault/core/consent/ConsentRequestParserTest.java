package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.PurposeCatalogue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentRequestParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final String EMAIL = "Ana.Kowalczyk@Example.com";
    private static final String PHONE = "+34 611 222 333";

    /** Every form of the person's identifiers that must never come back in an error. */
    private static final List<String> PII =
            List.of(
                    EMAIL,
                    EMAIL.toLowerCase(),
                    "kowalczyk",
                    PHONE,
                    "+34611222333",
                    "611222333",
                    "611 222 333");

    private final ConsentRequestParser parser =
            new ConsentRequestParser(PurposeCatalogue.defaults(), Jurisdictions.standard());

    /**
     * DESIGN §3's example, minus the name no granted purpose needs, with SMS granted for the phone.
     */
    private static ObjectNode valid() {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("subject").put("email", EMAIL).put("phone", PHONE);
        body.putObject("purposes")
                .put("marketing-email", true)
                .put("marketing-sms", true)
                .put("personalised-ads", false);
        body.put("noticeVersion", "2026-11-01");
        body.putObject("source").put("page", "cherries-tiktok").put("campaign", "cny-2027");
        body.put("jurisdiction", "EU");
        body.put("locale", "es-ES");
        body.put("ageConfirmed", true);
        return body;
    }

    private static ObjectNode with(Consumer<ObjectNode> change) {
        ObjectNode body = valid();
        change.accept(body);
        return body;
    }

    private ConsentRequest parse(Object body) {
        return parser.parse(body.toString().getBytes(StandardCharsets.UTF_8), NOW);
    }

    private InvalidRequestException rejected(Object body) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(body));
        assertNoPii(e);
        return e;
    }

    private static void assertNoPii(InvalidRequestException e) {
        StringBuilder all = new StringBuilder(e.getMessage());
        e.errors()
                .forEach(
                        error ->
                                all.append('\n')
                                        .append(error.field())
                                        .append('\n')
                                        .append(error.message()));
        for (String pii : PII) {
            assertFalse(
                    all.toString().toLowerCase().contains(pii.toLowerCase()),
                    () -> "error echoes " + pii + ": " + all);
        }
    }

    private static List<String> fields(InvalidRequestException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aValidRequestParsesWithNormalisedIdentifiers() {
        ConsentRequest request = parse(valid());
        assertEquals(
                Optional.of("ana.kowalczyk@example.com"),
                request.subject().get(PersonalField.EMAIL));
        assertEquals(Optional.of("+34611222333"), request.subject().get(PersonalField.PHONE));
        assertFalse(request.subject().has(PersonalField.NAME));
        assertEquals(
                List.of("marketing-email", "marketing-sms", "personalised-ads"),
                List.copyOf(request.purposes().keySet()));
        assertEquals(
                Map.of("marketing-email", true, "marketing-sms", true, "personalised-ads", false),
                request.purposes());
        assertEquals("2026-11-01", request.noticeVersion());
        assertEquals("cherries-tiktok", request.sourcePage());
        assertEquals("cny-2027", request.sourceCampaign());
        assertEquals("EU", request.jurisdiction());
        assertEquals("es-ES", request.locale());
        assertFalse(
                request.toString().contains("kowalczyk"), "toString must leave the subject out");
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        ConsentRequest request =
                parse(
                        with(
                                b -> {
                                    b.remove("locale");
                                    ((ObjectNode) b.get("source")).remove("campaign");
                                }));
        assertNull(request.locale());
        assertNull(request.sourceCampaign());
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of(
                        "unknown top-level field",
                        with(b -> b.put("referrer", "tiktok")),
                        "referrer"),
                Arguments.of(
                        "unknown subject field",
                        with(b -> ((ObjectNode) b.get("subject")).put("address", "Calle 1")),
                        "subject.address"),
                Arguments.of(
                        "unknown source field",
                        with(b -> ((ObjectNode) b.get("source")).put("utm", "x")),
                        "source.utm"),
                Arguments.of(
                        "unknown purpose",
                        with(b -> ((ObjectNode) b.get("purposes")).put("newsletter", true)),
                        "purposes.newsletter"),
                Arguments.of(
                        "non-boolean purpose",
                        with(b -> ((ObjectNode) b.get("purposes")).put("marketing-sms", "yes")),
                        "purposes.marketing-sms"),
                Arguments.of("no purposes", with(b -> b.putObject("purposes")), "purposes"),
                Arguments.of(
                        "neither email nor phone", with(b -> b.putObject("subject")), "subject"),
                Arguments.of(
                        "invalid email",
                        with(b -> ((ObjectNode) b.get("subject")).put("email", EMAIL + "@")),
                        "subject.email"),
                Arguments.of(
                        "invalid phone",
                        with(b -> ((ObjectNode) b.get("subject")).put("phone", "611 222 333")),
                        "subject.phone"),
                Arguments.of(
                        "email not a string",
                        with(b -> ((ObjectNode) b.get("subject")).put("email", 42)),
                        "subject.email"),
                Arguments.of(
                        "phone needed by no granted purpose",
                        with(
                                b ->
                                        b.putObject("purposes")
                                                .put("marketing-email", true)
                                                .put("marketing-sms", false)),
                        "subject.phone"),
                Arguments.of(
                        "granted purpose without its field",
                        with(b -> b.putObject("purposes").put("contest-entry", true)),
                        "subject.name"),
                Arguments.of(
                        "bad jurisdiction",
                        with(b -> b.put("jurisdiction", "Europe")),
                        "jurisdiction"),
                Arguments.of(
                        "lower-case jurisdiction",
                        with(b -> b.put("jurisdiction", "eu")),
                        "jurisdiction"),
                Arguments.of(
                        "missing jurisdiction",
                        with(b -> b.remove("jurisdiction")),
                        "jurisdiction"),
                Arguments.of("bad locale", with(b -> b.put("locale", "es_ES")), "locale"),
                Arguments.of(
                        "missing noticeVersion",
                        with(b -> b.remove("noticeVersion")),
                        "noticeVersion"),
                Arguments.of(
                        "noticeVersion with spaces",
                        with(b -> b.put("noticeVersion", "1 Nov 2026")),
                        "noticeVersion"),
                Arguments.of("missing source", with(b -> b.remove("source")), "source"),
                Arguments.of(
                        "missing source.page",
                        with(b -> ((ObjectNode) b.get("source")).remove("page")),
                        "source.page"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void eachRuleNamesTheFieldAtFault(String label, ObjectNode body, String field) {
        assertEquals(List.of(field), fields(rejected(body)));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidRequestException e =
                rejected(
                        with(
                                b -> {
                                    b.put("referrer", "tiktok");
                                    b.put("locale", "es_ES");
                                    ((ObjectNode) b.get("source")).remove("page");
                                }));
        assertEquals(List.of("referrer", "source.page", "locale"), fields(e));
        assertTrue(e.getMessage().contains("3 problems"), e.getMessage());
    }

    @Test
    void aGrantedPurposeMissingTwoFieldsNamesBoth() {
        InvalidRequestException e =
                rejected(
                        with(
                                b -> {
                                    b.putObject("subject").put("email", EMAIL);
                                    b.putObject("purposes").put("contest-entry", true);
                                }));
        assertEquals(List.of("subject.phone", "subject.name"), fields(e));
        assertTrue(e.errors().get(1).message().contains("contest-entry"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"subject\": {\"email\": \"Ana.Kowalczyk@Example.com\"", // truncated
                "{\"subject\": {\"email\": \"Ana.Kowalczyk@Example.com\", \"email\": \"eve@example.com\"}}", // duplicate key
                "{\"jurisdiction\": \"EU\", \"jurisdiction\": \"GB\"}", // duplicate key
                "{subject: {email: 'Ana.Kowalczyk@Example.com'}}"
            }) // not JSON
    void bodiesThatAreNotStrictJsonAreRejected(String body) {
        InvalidRequestException e = rejected(body);
        assertTrue(e.errors().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "null",
                "[]",
                "42",
                "\"Ana.Kowalczyk@Example.com\"",
                "[{\"subject\": {}}]"
            })
    void bodiesThatAreNotAnObjectAreRejected(String body) {
        InvalidRequestException e = rejected(body);
        assertTrue(
                e.getMessage().contains("JSON object") || e.getMessage().contains("not valid JSON"),
                e.getMessage());
    }

    @Test
    void aDuplicateKeyIsRejectedEvenWhenBothValuesAreValid() {
        String body =
                valid().toString()
                        .replace(
                                "\"jurisdiction\":\"EU\"",
                                "\"jurisdiction\":\"EU\",\"jurisdiction\":\"GB\"");
        assertTrue(body.contains("\"GB\""), "test setup: the duplicate was inserted");
        rejected(body);
    }

    @Test
    void eachKindOfUnreadableBodySaysWhichItIs() {
        assertEquals("The request body is not valid JSON.", rejected("{nope").getMessage());
        assertTrue(
                rejected("{\"jurisdiction\": \"EU\", \"jurisdiction\": \"GB\"}")
                        .getMessage()
                        .contains("more than once"));
        assertTrue(
                rejected(valid().toString() + " {}").getMessage().contains("text after"),
                "a second object after the first is not ignored");
    }

    @Test
    void aStringFieldHoldingANumberOrABooleanIsRefused() {
        InvalidRequestException e =
                rejected(
                        with(
                                b -> {
                                    b.put("noticeVersion", 20261101);
                                    b.put("jurisdiction", true);
                                    ((ObjectNode) b.get("source")).put("page", 7);
                                }));
        assertEquals(List.of("noticeVersion", "source.page", "jurisdiction"), fields(e));
        assertTrue(e.errors().stream().allMatch(f -> f.message().equals("must be a string")));
    }
}
