package dev.consentvault.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.purpose.Purpose;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The jurisdiction packs ({@code jurisdictions.json}): for each supported code, dated rules naming
 * the law whose clocks apply and the age of digital consent; for each law, its response clock,
 * extension and acknowledgement rule with citations. Read once and checked whole: a bad entry stops
 * the function at start with a message naming it. {@link Deadlines} does the date arithmetic.
 */
public final class Jurisdictions {

    /** How a clock counts. Business days skip Saturdays and Sundays. */
    public enum Unit {
        CALENDAR_DAYS("calendar-days"),
        BUSINESS_DAYS("business-days"),
        MONTHS("months");

        private final String jsonName;

        Unit(String jsonName) {
            this.jsonName = jsonName;
        }

        static Optional<Unit> of(String name) {
            for (Unit u : values()) {
                if (u.jsonName.equals(name)) {
                    return Optional.of(u);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A period counted from receipt. {@code target} marks a period the law does not fix (PIPL's
     * "timely"): this service's own goal, not a legal deadline.
     */
    public record Clock(int amount, Unit unit, boolean target, String citation) {}

    /** A law: its response clock, its extension (null: none), its acknowledgement (null: none). */
    public record Regime(
            LegalRegime id,
            String law,
            Clock response,
            Clock extension,
            Clock acknowledgement,
            Set<RequestType> acknowledged) {}

    /**
     * The age of digital consent: under it a person's own consent does not count. {@code
     * saleOrSharingOnly} when the law sets the age for sale/sharing alone (CCPA).
     */
    public record AgeRule(int age, boolean saleOrSharingOnly, String citation) {

        /** Whether a purpose's consent needs the person to be of this age. */
        public boolean covers(Purpose purpose) {
            return !saleOrSharingOnly || purpose.saleOrSharing();
        }
    }

    /**
     * Where a law asks for a separate consent beside a purpose's own, with the article for each
     * ground: providing the data to another handler, sending it abroad, handling sensitive data.
     */
    public record SeparateConsentRule(String provision, String transferAbroad, String sensitive) {}

    /**
     * What applies to a code from a date on (null: from always). {@code separateConsentRule} is
     * null where the law asks for no separate consent.
     */
    public record Rule(
            String code,
            LocalDate from,
            Regime regime,
            AgeRule ageOfConsent,
            SeparateConsentRule separateConsentRule) {

        public Optional<AgeRule> age() {
            return Optional.ofNullable(ageOfConsent);
        }

        public boolean separateConsent() {
            return separateConsentRule != null;
        }
    }

    private static final String RESOURCE = "jurisdictions.json";
    // a misspelt key ("ageOfConsnt") must stop the start, not silently drop a rule
    private static final Set<String> REGIME_KEYS =
            Set.of("law", "response", "extension", "acknowledgement");
    private static final Set<String> CLOCK_KEYS =
            Set.of("amount", "unit", "target", "citation", "requests");
    private static final Set<String> RULE_KEYS =
            Set.of("from", "regime", "ageOfConsent", "separateConsent", "note");
    private static final Set<String> SEPARATE_KEYS =
            Set.of("provision", "transferAbroad", "sensitive");
    private static final Set<String> AGE_KEYS = Set.of("age", "appliesTo", "citation", "source");

    private final Map<LegalRegime, Regime> regimes;
    private final Map<String, List<Rule>> rules;
    private final String fallback;

    private Jurisdictions(
            Map<LegalRegime, Regime> regimes, Map<String, List<Rule>> rules, String fallback) {
        this.regimes = regimes;
        this.rules = rules;
        this.fallback = fallback;
    }

    private static final class Standard {
        static final Jurisdictions PACKS = load();

        private static Jurisdictions load() {
            try (InputStream in = Jurisdictions.class.getResourceAsStream("/" + RESOURCE)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The shipped packs, without a fallback. */
    public static Jurisdictions standard() {
        return Standard.PACKS;
    }

    /**
     * These packs answering unsupported codes with {@code code}'s rules; null or blank: no
     * fallback, unsupported codes are refused.
     */
    public Jurisdictions withFallback(String code) {
        if (code == null || code.isBlank()) {
            return new Jurisdictions(regimes, rules, null);
        }
        if (!rules.containsKey(code)) {
            throw new InvalidPackException(
                    "the fallback jurisdiction "
                            + code
                            + " is not supported; supported: "
                            + supportedList());
        }
        return new Jurisdictions(regimes, rules, code);
    }

    /** Whether a code is answered, by its own rules or the fallback's. */
    public boolean supports(String code) {
        return rules.containsKey(code) || fallback != null;
    }

    /** The supported codes, sorted. */
    public Set<String> codes() {
        return rules.keySet();
    }

    /** The code unsupported codes are answered with, if the deployment names one. */
    public Optional<String> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** The supported codes, for messages: "BR, CL, CN, ...". */
    public String supportedList() {
        return String.join(", ", rules.keySet());
    }

    /** The message for an unsupported code, listing the supported ones. */
    public String unsupported() {
        return "is not a supported jurisdiction; supported: " + supportedList();
    }

    /** The rule in force for a code at an instant (UTC date), the fallback's when unsupported. */
    public Optional<Rule> rule(String code, Instant at) {
        List<Rule> dated = rules.get(code);
        if (dated == null && fallback != null) {
            dated = rules.get(fallback);
        }
        if (dated == null) {
            return Optional.empty();
        }
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        Rule current = null;
        for (Rule r : dated) {
            if (r.from() == null || !r.from().isAfter(day)) {
                current = r;
            }
        }
        return Optional.ofNullable(current);
    }

    public Regime regime(LegalRegime id) {
        return regimes.get(id);
    }

    public static final class InvalidPackException extends IllegalStateException {
        public InvalidPackException(String message) {
            super(message);
        }
    }

    /** Reads and checks a pack file; {@code source} names it in messages. */
    public static Jurisdictions parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (java.io.IOException e) {
            throw new InvalidPackException(source + ": not valid JSON");
        }
        if (root == null || !root.path("regimes").isObject()) {
            throw new InvalidPackException(source + ": \"regimes\" must be an object");
        }
        Map<LegalRegime, Regime> regimes = new EnumMap<>(LegalRegime.class);
        for (Iterator<String> it = root.path("regimes").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String where = source + ": regime " + name;
            LegalRegime id;
            try {
                id = LegalRegime.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidPackException(where + ": not a known regime");
            }
            JsonNode r = root.path("regimes").path(name);
            known(r, REGIME_KEYS, where);
            Clock response = clock(r.path("response"), where + " response");
            Clock extension = optionalClock(r.path("extension"), where + " extension");
            if (extension != null && extension.unit() != response.unit()) {
                throw new InvalidPackException(
                        where + " extension: must count in the response's unit");
            }
            Clock ack = optionalClock(r.path("acknowledgement"), where + " acknowledgement");
            Set<RequestType> acknowledged = EnumSet.noneOf(RequestType.class);
            if (ack != null) {
                for (JsonNode type : r.path("acknowledgement").path("requests")) {
                    acknowledged.add(
                            RequestType.fromJsonName(type.asText())
                                    .orElseThrow(
                                            () ->
                                                    new InvalidPackException(
                                                            where
                                                                    + " acknowledgement: unknown request type "
                                                                    + type)));
                }
                if (acknowledged.isEmpty()) {
                    throw new InvalidPackException(
                            where + " acknowledgement: \"requests\" must name request types");
                }
            }
            regimes.put(
                    id,
                    new Regime(
                            id,
                            text(r, "law", where),
                            response,
                            extension,
                            ack,
                            Collections.unmodifiableSet(acknowledged)));
        }
        for (LegalRegime id : LegalRegime.values()) {
            if (!regimes.containsKey(id)) {
                throw new InvalidPackException(source + ": regime " + id + " is missing");
            }
        }
        if (!root.path("jurisdictions").isObject() || root.path("jurisdictions").isEmpty()) {
            throw new InvalidPackException(source + ": \"jurisdictions\" must be an object");
        }
        Map<String, List<Rule>> rules = new TreeMap<>();
        for (Iterator<String> it = root.path("jurisdictions").fieldNames(); it.hasNext(); ) {
            String code = it.next();
            if (!LegalRegime.JURISDICTION.matcher(code).matches()) {
                throw new InvalidPackException(
                        source + ": jurisdiction " + code + ": not an ISO 3166 code");
            }
            JsonNode list = root.path("jurisdictions").path(code);
            if (!list.isArray() || list.isEmpty()) {
                throw new InvalidPackException(
                        source + ": jurisdiction " + code + ": must list at least one rule");
            }
            List<Rule> dated = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                dated.add(
                        rule(
                                code,
                                list.get(i),
                                source + ": " + code + " rule " + (i + 1),
                                regimes));
            }
            for (int i = 0; i < dated.size(); i++) {
                LocalDate from = dated.get(i).from();
                boolean ordered =
                        i == 0
                                ? from == null
                                : from != null
                                        && (dated.get(i - 1).from() == null
                                                || from.isAfter(dated.get(i - 1).from()));
                if (!ordered) {
                    throw new InvalidPackException(
                            source
                                    + ": "
                                    + code
                                    + " rule "
                                    + (i + 1)
                                    + ": rules must be in date order, the first without \"from\"");
                }
            }
            rules.put(code, List.copyOf(dated));
        }
        return new Jurisdictions(
                Collections.unmodifiableMap(regimes), Collections.unmodifiableMap(rules), null);
    }

    private static Rule rule(
            String code, JsonNode r, String where, Map<LegalRegime, Regime> regimes) {
        known(r, RULE_KEYS, where);
        LocalDate from = null;
        if (!r.path("from").isNull() && !r.path("from").isMissingNode()) {
            try {
                from = LocalDate.parse(r.path("from").asText());
            } catch (DateTimeParseException e) {
                throw new InvalidPackException(where + ": \"from\" must be a date (YYYY-MM-DD)");
            }
        }
        String regimeName = text(r, "regime", where);
        Regime regime =
                regimes.entrySet().stream()
                        .filter(e -> e.getKey().name().equals(regimeName))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new InvalidPackException(
                                                where
                                                        + ": regime "
                                                        + regimeName
                                                        + " is not defined"));
        AgeRule age = null;
        JsonNode a = r.path("ageOfConsent");
        if (!a.isNull() && !a.isMissingNode()) {
            known(a, AGE_KEYS, where + ": ageOfConsent");
            int years = a.path("age").asInt(-1);
            if (!a.path("age").isInt() || years < 1 || years > 21) {
                throw new InvalidPackException(
                        where + ": ageOfConsent.age must be a whole number of years (1-21)");
            }
            String applies = text(a, "appliesTo", where + ": ageOfConsent");
            if (!applies.equals("consent") && !applies.equals("sale-or-sharing")) {
                throw new InvalidPackException(
                        where
                                + ": ageOfConsent.appliesTo must be \"consent\" or \"sale-or-sharing\"");
            }
            age =
                    new AgeRule(
                            years,
                            applies.equals("sale-or-sharing"),
                            text(a, "citation", where + ": ageOfConsent"));
        }
        JsonNode separate = r.path("separateConsent");
        SeparateConsentRule separateRule = null;
        if (separate.isObject()) {
            known(separate, SEPARATE_KEYS, where + ": separateConsent");
            separateRule =
                    new SeparateConsentRule(
                            text(separate, "provision", where + ": separateConsent"),
                            text(separate, "transferAbroad", where + ": separateConsent"),
                            text(separate, "sensitive", where + ": separateConsent"));
        } else if (!separate.isBoolean() || separate.booleanValue()) {
            throw new InvalidPackException(
                    where
                            + ": \"separateConsent\" must be false or an object citing the law for"
                            + " provision, transferAbroad and sensitive");
        }
        return new Rule(code, from, regime, age, separateRule);
    }

    private static Clock optionalClock(JsonNode c, String where) {
        return c.isNull() || c.isMissingNode() ? null : clock(c, where);
    }

    private static Clock clock(JsonNode c, String where) {
        if (!c.isObject()) {
            throw new InvalidPackException(where + ": must be an object");
        }
        known(c, CLOCK_KEYS, where);
        if (!c.path("amount").isInt() || c.path("amount").intValue() < 1) {
            throw new InvalidPackException(where + ": \"amount\" must be a positive whole number");
        }
        Unit unit =
                Unit.of(c.path("unit").asText())
                        .orElseThrow(
                                () ->
                                        new InvalidPackException(
                                                where
                                                        + ": \"unit\" must be calendar-days, business-days or months"));
        return new Clock(
                c.path("amount").intValue(),
                unit,
                c.path("target").asBoolean(false),
                text(c, "citation", where));
    }

    private static void known(JsonNode node, Set<String> keys, String where) {
        if (!node.isObject()) {
            throw new InvalidPackException(where + ": must be an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new InvalidPackException(where + ": unknown key \"" + key + "\"");
            }
        }
    }

    private static String text(JsonNode node, String name, String where) {
        JsonNode v = node.path(name);
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new InvalidPackException(where + ": \"" + name + "\" is required (text)");
        }
        return v.textValue();
    }
}
