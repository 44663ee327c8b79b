package dev.consentvault.core.consent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.Purpose;
import dev.consentvault.core.purpose.PurposeCatalogue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Strict reading of {@code POST /v1/consents}. Everything wrong is reported at once, by field; no
 * message repeats a value the person typed. Unknown fields are refused: nothing unasked-for is
 * accepted.
 */
public final class ConsentRequestParser {

    static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private static final Set<String> TOP_LEVEL =
            Set.of("subject", "purposes", "noticeVersion", "source", "jurisdiction", "locale");
    private static final Set<String> SOURCE = Set.of("page", "campaign");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");

    private final PurposeCatalogue catalogue;

    public ConsentRequestParser(PurposeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public ConsentRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException(
                    "The request body is not valid JSON (duplicate keys are not allowed).");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }
        List<FieldError> errors = new ArrayList<>(FieldError.unknownFields(root, TOP_LEVEL, ""));

        Map<String, Boolean> purposes = purposes(root.get("purposes"), errors);
        Subject subject = subject(root.get("subject"), needsIdentifier(purposes), errors);
        String notice = token(root.get("noticeVersion"), "noticeVersion", true, errors);
        String page = null;
        String campaign = null;
        JsonNode source = root.get("source");
        if (source == null || !source.isObject()) {
            errors.add(
                    new FieldError(
                            "source",
                            "is required: an object with \"page\" and optionally \"campaign\""));
        } else {
            errors.addAll(FieldError.unknownFields(source, SOURCE, "source."));
            page = token(source.get("page"), "source.page", true, errors);
            campaign = token(source.get("campaign"), "source.campaign", false, errors);
        }
        String jurisdiction =
                matching(
                        root.get("jurisdiction"),
                        "jurisdiction",
                        LegalRegime.JURISDICTION,
                        true,
                        "must be an ISO 3166 code such as \"EU\", \"GB\" or \"US-CA\"",
                        errors);
        String locale =
                matching(
                        root.get("locale"),
                        "locale",
                        LOCALE,
                        false,
                        "must be a BCP 47 language tag such as \"es-ES\"",
                        errors);

        if (errors.isEmpty()) {
            minimisation(subject, purposes, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(
                    "The consent request has "
                            + errors.size()
                            + (errors.size() == 1 ? " problem." : " problems."),
                    errors);
        }
        return new ConsentRequest(subject, purposes, notice, page, campaign, jurisdiction, locale);
    }

    /**
     * Whether a granted purpose needs personal data. When none does (every purpose refused, or only
     * analytics granted) the request may come without a subject: the receipt then records the
     * decisions and nothing personal, rather than collecting an identifier no purpose needs.
     */
    private boolean needsIdentifier(Map<String, Boolean> purposes) {
        return purposes.isEmpty()
                || purposes.entrySet().stream()
                        .anyMatch(
                                e ->
                                        e.getValue()
                                                && !catalogue
                                                        .find(e.getKey())
                                                        .orElseThrow()
                                                        .fieldsNeeded()
                                                        .isEmpty());
    }

    private Subject subject(JsonNode node, boolean identifierNeeded, List<FieldError> errors) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        if (node == null && !identifierNeeded) {
            return new Subject(values);
        }
        if (node == null || !node.isObject()) {
            errors.add(
                    new FieldError(
                            "subject", "is required: an object with \"email\" and/or \"phone\""));
            return new Subject(values);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Optional<PersonalField> field = PersonalField.fromJsonName(entry.getKey());
            if (field.isEmpty()) {
                errors.add(
                        new FieldError(
                                "subject." + entry.getKey(),
                                "is not accepted; only email, phone and name are"));
                continue;
            }
            JsonNode value = entry.getValue();
            String path = "subject." + entry.getKey();
            if (!value.isTextual()) {
                errors.add(new FieldError(path, "must be a string"));
                continue;
            }
            Function<String, Optional<String>> normaliser =
                    switch (field.get()) {
                        case EMAIL -> Identifiers::email;
                        case PHONE -> Identifiers::phone;
                        case NAME -> Identifiers::name;
                    };
            Optional<String> normalised = normaliser.apply(value.asText());
            if (normalised.isEmpty()) {
                errors.add(
                        new FieldError(
                                path,
                                switch (field.get()) {
                                    case EMAIL -> "is not a valid email address";
                                    case PHONE ->
                                            "must be an international number in E.164 form, such as +34600000000";
                                    case NAME ->
                                            "must be 1 to 100 characters without control characters";
                                }));
                continue;
            }
            values.put(field.get(), normalised.get());
        }
        if (identifierNeeded
                && !values.containsKey(PersonalField.EMAIL)
                && !values.containsKey(PersonalField.PHONE)
                && errors.stream()
                        .noneMatch(
                                e ->
                                        e.field().equals("subject.email")
                                                || e.field().equals("subject.phone"))) {
            errors.add(new FieldError("subject", "needs an email or a phone number"));
        }
        return new Subject(values);
    }

    private Map<String, Boolean> purposes(JsonNode node, List<FieldError> errors) {
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            errors.add(
                    new FieldError(
                            "purposes",
                            "is required: an object of purpose id to true (granted) or false (refused)"));
            return purposes;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "purposes." + entry.getKey();
            if (catalogue.find(entry.getKey()).isEmpty()) {
                errors.add(
                        new FieldError(
                                path, "is not a purpose in the catalogue (see GET /v1/purposes)"));
            } else if (!entry.getValue().isBoolean()) {
                errors.add(new FieldError(path, "must be true (granted) or false (refused)"));
            } else {
                purposes.put(entry.getKey(), entry.getValue().asBoolean());
            }
        }
        return purposes;
    }

    /**
     * Each field sent must be needed by a granted purpose, and each granted purpose must get what
     * it needs.
     */
    private void minimisation(
            Subject subject, Map<String, Boolean> purposes, List<FieldError> errors) {
        for (PersonalField field : PersonalField.values()) {
            boolean needed = false;
            for (Map.Entry<String, Boolean> entry : purposes.entrySet()) {
                Purpose purpose = catalogue.find(entry.getKey()).orElseThrow();
                if (!entry.getValue() || !purpose.needs(field)) {
                    continue;
                }
                needed = true;
                if (!subject.has(field)) {
                    errors.add(
                            new FieldError(
                                    "subject." + field.jsonName(),
                                    "is required by the purpose " + purpose.id()));
                }
            }
            if (subject.has(field) && !needed) {
                errors.add(
                        new FieldError(
                                "subject." + field.jsonName(),
                                "is not needed by any purpose you granted, so it is not accepted"));
            }
        }
    }

    private static String token(
            JsonNode node, String path, boolean required, List<FieldError> errors) {
        return matching(
                node,
                path,
                TOKEN,
                required,
                "must be 1 to 64 letters, digits, dots, dashes or underscores",
                errors);
    }

    private static String matching(
            JsonNode node,
            String path,
            Pattern pattern,
            boolean required,
            String rule,
            List<FieldError> errors) {
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!node.isTextual() || !pattern.matcher(node.asText()).matches()) {
            errors.add(new FieldError(path, rule));
            return null;
        }
        return node.asText();
    }
}
