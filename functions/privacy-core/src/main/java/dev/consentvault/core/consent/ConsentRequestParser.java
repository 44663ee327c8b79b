package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
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
        JsonFields source = root.object("source", "source-object");
        if (source != null) {
            source.refuseUnknown(SOURCE);
            page = token(source, "page", true);
            campaign = token(source, "campaign", false);
        }
        String jurisdiction =
                root.string("jurisdiction", LegalRegime.JURISDICTION, true, "jurisdiction-code");
        if (jurisdiction != null && !jurisdictions.supports(jurisdiction)) {
            root.error(
                    "jurisdiction",
                    "jurisdiction-unsupported",
                    Map.of("supported", jurisdictions.supportedList()));
            jurisdiction = null;
        }
        Boolean ageConfirmed = ageConfirmed(root, jurisdiction, purposes, now);
        Map<String, Boolean> separateConsents = separateConsents(root, jurisdiction, purposes, now);
        noticeVersion(root, notice, purposes, now);
        String locale = root.string("locale", LOCALE, false, "locale-tag");

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
        if (notices.find(version).isEmpty()) {
            Optional<String> current = notices.current(now).map(Notice::version);
            if (current.isPresent()) {
                root.error(
                        "noticeVersion",
                        "notice-unknown-current",
                        Map.of("current", current.get()));
            } else {
                root.error("noticeVersion", "notice-unknown");
            }
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
                        "notice-replaced",
                        Map.of(
                                "version",
                                later.get(later.size() - 1).version(),
                                "purpose",
                                entry.getKey()));
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
            given = root.object("separateConsents", "separate-object");
        }
        if (given != null) {
            for (String id : given.names()) {
                if (!needed.containsKey(id)) {
                    given.error(id, "separate-not-asked");
                    continue;
                }
                Boolean answer = given.bool(id, "separate-bool");
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
                        purpose.thirdParties().isEmpty()
                                ? "separate-required-sensitive"
                                : "separate-required-recipients",
                        purpose.thirdParties().isEmpty()
                                ? Map.of(
                                        "jurisdiction",
                                        jurisdiction,
                                        "grounds",
                                        String.join("; ", entry.getValue()))
                                : Map.of(
                                        "jurisdiction",
                                        jurisdiction,
                                        "recipients",
                                        SeparateConsent.recipients(purpose),
                                        "grounds",
                                        String.join("; ", entry.getValue())));
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
                        "age-required",
                        Map.of(
                                "jurisdiction",
                                jurisdiction,
                                "age",
                                String.valueOf(age.get().age())));
            }
            return null;
        }
        if (age.isEmpty()) {
            root.error("ageConfirmed", "age-not-asked", Map.of("jurisdiction", jurisdiction));
            return null;
        }
        return root.bool(
                "ageConfirmed", "age-bool", Map.of("age", String.valueOf(age.get().age())));
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
        JsonFields subject = root.object("subject", "subject-object");
        if (subject == null) {
            return new Subject(values);
        }
        for (String name : subject.names()) {
            Optional<PersonalField> field = PersonalField.fromJsonName(name);
            if (field.isEmpty()) {
                subject.error(name, "subject-unknown");
                continue;
            }
            JsonNode raw = subject.raw(name);
            if (!raw.isTextual()) {
                subject.error(name, "must-be-string");
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
                            case EMAIL -> "subject-email";
                            case PHONE -> "subject-phone";
                            case NAME -> "subject-name";
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
            root.error("subject", "subject-needs-contact");
        }
        return new Subject(values);
    }

    private Map<String, Boolean> purposes(JsonFields root) {
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        String rule = "purposes-object";
        JsonNode raw = root.raw("purposes");
        if (raw == null || !raw.isObject() || raw.isEmpty()) {
            root.error("purposes", rule);
            return purposes;
        }
        JsonFields node = root.object("purposes", rule);
        for (String id : node.names()) {
            if (catalogue.find(id).isEmpty()) {
                node.error(id, "purpose-unknown");
                continue;
            }
            Boolean granted = node.bool(id, "purpose-bool");
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
                            "field-required-by",
                            Map.of("purpose", purpose.id()));
                }
            }
            if (subject.has(field) && !needed) {
                root.error("subject." + field.jsonName(), "field-not-needed");
            }
        }
    }

    private static String token(JsonFields object, String name, boolean required) {
        return object.string(name, TOKEN, required, "token");
    }
}
