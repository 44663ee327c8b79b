package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.json.JsonFields;
import dev.consentvault.core.json.StrictJson;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.core.purpose.Notice;
import dev.consentvault.core.purpose.NoticeRegistry;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.Purpose;
import dev.consentvault.core.purpose.PurposeCatalogue;
import java.time.Instant;
import java.util.EnumMap;
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

    /** The shared mapper, which capture and receipts also write their JSON with. */
    static final ObjectMapper JSON = StrictJson.mapper();

    private static final Set<String> TOP_LEVEL =
            Set.of(
                    "subject",
                    "purposes",
                    "noticeVersion",
                    "source",
                    "jurisdiction",
                    "locale",
                    "ageConfirmed",
                    "separateConsents");
    private static final Set<String> SOURCE = Set.of("page", "campaign");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");

    private final PurposeCatalogue catalogue;
    private final Jurisdictions jurisdictions;

    public ConsentRequestParser(PurposeCatalogue catalogue, Jurisdictions jurisdictions) {
        this.catalogue = catalogue;
        this.jurisdictions = jurisdictions;
    }

    /**
     * @param now when the request is received: the jurisdiction's rule in force then says whether
     *     an age attestation is needed
     */
    public ConsentRequest parse(byte[] body, Instant now) {
        JsonFields root =
                StrictJson.readObject(
                        body, "subject, purposes, noticeVersion, source, jurisdiction, locale");
        root.refuseUnknown(TOP_LEVEL);

        Map<String, Boolean> purposes = purposes(root);
        Subject subject = subject(root, needsIdentifier(purposes));
        String notice = token(root, "noticeVersion", true);
        String page = null;
        String campaign = null;
        JsonFields source =
                root.object(
                        "source",
                        "is required: an object with \"page\" and optionally \"campaign\"");
        if (source != null) {
            source.refuseUnknown(SOURCE);
            page = token(source, "page", true);
            campaign = token(source, "campaign", false);
        }
        String jurisdiction =
                root.string(
                        "jurisdiction",
                        LegalRegime.JURISDICTION,
                        true,
                        "must be an ISO 3166 code such as \"EU\", \"GB\" or \"US-CA\"");
        if (jurisdiction != null && !jurisdictions.supports(jurisdiction)) {
            root.error("jurisdiction", jurisdictions.unsupported());
            jurisdiction = null;
        }
        Boolean ageConfirmed = ageConfirmed(root, jurisdiction, purposes, now);
        Map<String, Boolean> separateConsents = separateConsents(root, jurisdiction, purposes, now);
        noticeVersion(root, notice, purposes, now);
        String locale =
                root.string(
                        "locale", LOCALE, false, "must be a BCP 47 language tag such as \"es-ES\"");

        if (root.valid()) {
            minimisation(subject, purposes, root);
        }
        root.finish("The consent request");
        return new ConsentRequest(
                subject,
                purposes,
                notice,
                page,
                campaign,
                jurisdiction,
                locale,
                ageConfirmed,
                separateConsents);
    }

    /**
     * The notice shown must be a version of the registry, and not one a material change in effect
     * has replaced for a purpose granted now (the person would be agreeing to what is no longer the
     * notice).
     */
    private void noticeVersion(
            JsonFields root, String version, Map<String, Boolean> purposes, Instant now) {
        if (version == null) {
            return;
        }
        NoticeRegistry notices = catalogue.notices();
        String current =
                notices.current(now)
                        .map(n -> "; the notice in effect is " + n.version())
                        .orElse("");
        if (notices.find(version).isEmpty()) {
            root.error(
                    "noticeVersion",
                    "is not a notice version in the catalogue (see notices in GET /v1/purposes)"
                            + current);
            return;
        }
        for (Map.Entry<String, Boolean> entry : purposes.entrySet()) {
            if (!entry.getValue()) {
                continue;
            }
            List<Notice> later = notices.supersedingMaterially(version, entry.getKey(), now);
            if (!later.isEmpty()) {
                root.error(
                        "noticeVersion",
                        "was replaced by "
                                + later.get(later.size() - 1).version()
                                + ", a material change for "
                                + entry.getKey()
                                + ": show that notice and send its version");
                return;
            }
        }
    }

    /**
     * The person's separate answers where the jurisdiction asks for one (PIPL Arts. 23, 29, 39):
     * required for each granted purpose that needs it, refused anywhere else (nothing unasked-for
     * is accepted).
     */
    private Map<String, Boolean> separateConsents(
            JsonFields root, String jurisdiction, Map<String, Boolean> purposes, Instant now) {
        Map<String, Boolean> answers = new LinkedHashMap<>();
        Optional<Jurisdictions.Rule> rule =
                jurisdiction == null ? Optional.empty() : jurisdictions.rule(jurisdiction, now);
        Map<String, List<String>> needed = new LinkedHashMap<>();
        rule.ifPresent(
                r ->
                        purposes.forEach(
                                (id, granted) -> {
                                    List<String> grounds =
                                            SeparateConsent.grounds(
                                                    r, catalogue.find(id).orElseThrow());
                                    if (granted && !grounds.isEmpty()) {
                                        needed.put(id, grounds);
                                    }
                                }));
        JsonFields given = null;
        if (root.contains("separateConsents")) {
            given =
                    root.object(
                            "separateConsents", "must be an object of purpose id to true or false");
        }
        if (given != null) {
            for (String id : given.names()) {
                if (!needed.containsKey(id)) {
                    given.error(
                            id,
                            "is not asked: only a granted purpose that the law of the jurisdiction"
                                    + " makes need a separate consent takes one");
                    continue;
                }
                Boolean answer = given.bool(id, "must be true (agreed) or false (refused)");
                if (answer != null) {
                    answers.put(id, answer);
                }
            }
        }
        for (Map.Entry<String, List<String>> entry : needed.entrySet()) {
            if (given == null || !given.contains(entry.getKey())) {
                Purpose purpose = catalogue.find(entry.getKey()).orElseThrow();
                root.error(
                        "separateConsents." + entry.getKey(),
                        "is required in "
                                + jurisdiction
                                + ": the person's own, separate answer (true or false) to "
                                + (purpose.thirdParties().isEmpty()
                                        ? "the handling of sensitive data"
                                        : "providing the data to "
                                                + SeparateConsent.recipients(purpose))
                                + " ("
                                + String.join("; ", entry.getValue())
                                + ")");
            }
        }
        return answers;
    }

    /**
     * The age attestation ("I am N or older": a yes or no, never a birth date). Required when the
     * jurisdiction sets an age of digital consent and a purpose it covers is granted; refused where
     * the jurisdiction sets none (nothing unasked-for is accepted).
     */
    private Boolean ageConfirmed(
            JsonFields root, String jurisdiction, Map<String, Boolean> purposes, Instant now) {
        if (jurisdiction == null) {
            return null;
        }
        Optional<Jurisdictions.AgeRule> age =
                jurisdictions.rule(jurisdiction, now).flatMap(Jurisdictions.Rule::age);
        if (!root.contains("ageConfirmed")) {
            if (age.isPresent() && grantsCovered(purposes, age.get())) {
                root.error(
                        "ageConfirmed",
                        "is required in "
                                + jurisdiction
                                + ": true when the person is "
                                + age.get().age()
                                + " or older, false when younger");
            }
            return null;
        }
        if (age.isEmpty()) {
            root.error(
                    "ageConfirmed",
                    "is not asked in " + jurisdiction + ": its law sets no age of digital consent");
            return null;
        }
        return root.bool(
                "ageConfirmed",
                "must be true (the person is " + age.get().age() + " or older) or false (younger)");
    }

    private boolean grantsCovered(Map<String, Boolean> purposes, Jurisdictions.AgeRule age) {
        return purposes.entrySet().stream()
                .anyMatch(
                        e -> e.getValue() && age.covers(catalogue.find(e.getKey()).orElseThrow()));
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

    private Subject subject(JsonFields root, boolean identifierNeeded) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        if (!root.contains("subject") && !identifierNeeded) {
            return new Subject(values);
        }
        JsonFields subject =
                root.object("subject", "is required: an object with \"email\" and/or \"phone\"");
        if (subject == null) {
            return new Subject(values);
        }
        for (String name : subject.names()) {
            Optional<PersonalField> field = PersonalField.fromJsonName(name);
            if (field.isEmpty()) {
                subject.error(name, "is not accepted; only email, phone and name are");
                continue;
            }
            JsonNode raw = subject.raw(name);
            if (!raw.isTextual()) {
                subject.error(name, "must be a string");
                continue;
            }
            String value = raw.textValue();
            Function<String, Optional<String>> normaliser =
                    switch (field.get()) {
                        case EMAIL -> Identifiers::email;
                        case PHONE -> Identifiers::phone;
                        case NAME -> Identifiers::name;
                    };
            Optional<String> normalised = normaliser.apply(value);
            if (normalised.isEmpty()) {
                subject.error(
                        name,
                        switch (field.get()) {
                            case EMAIL -> "is not a valid email address";
                            case PHONE ->
                                    "must be an international number in E.164 form, such as +34600000000";
                            case NAME -> "must be 1 to 100 characters without control characters";
                        });
                continue;
            }
            values.put(field.get(), normalised.get());
        }
        if (identifierNeeded
                && !values.containsKey(PersonalField.EMAIL)
                && !values.containsKey(PersonalField.PHONE)
                && !root.hasErrorAt("subject.email")
                && !root.hasErrorAt("subject.phone")) {
            root.error("subject", "needs an email or a phone number");
        }
        return new Subject(values);
    }

    private Map<String, Boolean> purposes(JsonFields root) {
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        String rule = "is required: an object of purpose id to true (granted) or false (refused)";
        JsonNode raw = root.raw("purposes");
        if (raw == null || !raw.isObject() || raw.isEmpty()) {
            root.error("purposes", rule);
            return purposes;
        }
        JsonFields node = root.object("purposes", rule);
        for (String id : node.names()) {
            if (catalogue.find(id).isEmpty()) {
                node.error(id, "is not a purpose in the catalogue (see GET /v1/purposes)");
                continue;
            }
            Boolean granted = node.bool(id, "must be true (granted) or false (refused)");
            if (granted != null) {
                purposes.put(id, granted);
            }
        }
        return purposes;
    }

    /**
     * Each field sent must be needed by a granted purpose, and each granted purpose must get what
     * it needs.
     */
    private void minimisation(Subject subject, Map<String, Boolean> purposes, JsonFields root) {
        for (PersonalField field : PersonalField.values()) {
            boolean needed = false;
            for (Map.Entry<String, Boolean> entry : purposes.entrySet()) {
                Purpose purpose = catalogue.find(entry.getKey()).orElseThrow();
                if (!entry.getValue() || !purpose.needs(field)) {
                    continue;
                }
                needed = true;
                if (!subject.has(field)) {
                    root.error(
                            "subject." + field.jsonName(),
                            "is required by the purpose " + purpose.id());
                }
            }
            if (subject.has(field) && !needed) {
                root.error(
                        "subject." + field.jsonName(),
                        "is not needed by any purpose you granted, so it is not accepted");
            }
        }
    }

    private static String token(JsonFields object, String name, boolean required) {
        return object.string(
                name,
                TOKEN,
                required,
                "must be 1 to 64 letters, digits, dots, dashes or underscores");
    }
}
