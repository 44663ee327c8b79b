package dev.consentvault.core.purpose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.i18n.Locales;
import dev.consentvault.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The purposes a brand may ask consent for. Configuration, not code: the default ships as {@code
 * purposes.json}; {@code PURPOSES_FILE} (a path) or {@code PURPOSES_JSON} (inline) replace it (see
 * Settings). Validated when loaded, so a bad entry stops the function at start with a message
 * naming it.
 */
public final class PurposeCatalogue {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,47}");
    private static final Set<String> KEYS =
            Set.of(
                    "id",
                    "description",
                    "category",
                    "fieldsNeeded",
                    "retention",
                    "thirdParties",
                    "saleOrSharing",
                    "confirmation",
                    "texts",
                    "recipients",
                    "sensitiveFields");
    private static final Set<String> TOP_LEVEL = Set.of("purposes", "notices");
    private static final Set<String> NOTICE_KEYS =
            Set.of("version", "effective", "material", "affects", "texts");
    private static final Set<String> NOTICE_TEXT_KEYS = Set.of("text", "url", "sha256");
    private static final Set<String> RECIPIENT_KEYS = Set.of("name", "location", "contact");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Map<String, Purpose> purposes;
    private final NoticeRegistry notices;

    private PurposeCatalogue(Map<String, Purpose> purposes, NoticeRegistry notices) {
        this.purposes = purposes;
        this.notices = notices;
    }

    public static PurposeCatalogue defaults() {
        try (InputStream in = PurposeCatalogue.class.getResourceAsStream("/purposes.json")) {
            return parse(
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "purposes.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PurposeCatalogue parse(String json, String origin) {
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (IOException e) {
            throw new CatalogueException("purposes catalogue " + origin + " is not valid JSON");
        }
        if (root != null && root.isObject()) {
            for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!TOP_LEVEL.contains(name)) {
                    throw new CatalogueException(
                            "purposes catalogue " + origin + ": unknown key \"" + name + "\"");
                }
            }
        }
        JsonNode list = root == null ? null : root.get("purposes");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new CatalogueException(
                    "purposes catalogue " + origin + " needs a non-empty \"purposes\" array");
        }
        Map<String, Purpose> byId = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Purpose purpose = purpose(list.get(i), origin + " purposes[" + i + "]");
            if (byId.putIfAbsent(purpose.id(), purpose) != null) {
                throw new CatalogueException(
                        origin + " purposes[" + i + "]: duplicate id " + purpose.id());
            }
        }
        return new PurposeCatalogue(
                java.util.Collections.unmodifiableMap(byId), notices(root, origin, byId));
    }

    /** The notice registry: versions in effective-date order, each with English text at least. */
    private static NoticeRegistry notices(JsonNode root, String origin, Map<String, Purpose> byId) {
        JsonNode list = root.get("notices");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new CatalogueException(
                    "purposes catalogue "
                            + origin
                            + " needs a non-empty \"notices\" array (the notice versions"
                            + " captures name)");
        }
        List<Notice> notices = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = origin + " notices[" + i + "]";
            JsonNode node = list.get(i);
            known(node, NOTICE_KEYS, where);
            String version = text(node, "version", where);
            where = where + " (" + version + ")";
            if (!VERSION.matcher(version).matches()) {
                throw new CatalogueException(
                        where
                                + ": version must be 1 to 64 letters, digits, dots, dashes or"
                                + " underscores");
            }
            LocalDate effective;
            try {
                effective = LocalDate.parse(text(node, "effective", where));
            } catch (DateTimeParseException e) {
                throw new CatalogueException(where + ": effective must be a date (YYYY-MM-DD)");
            }
            if (!notices.isEmpty()
                    && !effective.isAfter(notices.get(notices.size() - 1).effective())) {
                throw new CatalogueException(
                        where + ": notices must be listed in order of their effective dates");
            }
            if (notices.stream().anyMatch(n -> n.version().equals(version))) {
                throw new CatalogueException(where + ": duplicate version");
            }
            JsonNode material = node.get("material");
            if (material == null || !material.isBoolean()) {
                throw new CatalogueException(where + ": material must be true or false");
            }
            Set<String> affects = new java.util.LinkedHashSet<>();
            if (node.has("affects")) {
                for (JsonNode a : array(node, "affects", where)) {
                    if (!byId.containsKey(a.asText())) {
                        throw new CatalogueException(
                                where + ": affects names " + a + ", which is not a purpose");
                    }
                    affects.add(a.asText());
                }
            }
            Map<String, Notice.Text> texts = new LinkedHashMap<>();
            JsonNode textsNode = node.get("texts");
            if (textsNode == null || !textsNode.isObject() || !textsNode.has(Locales.DEFAULT)) {
                throw new CatalogueException(
                        where + ": texts must be an object of locale to text, with \"en\"");
            }
            for (Iterator<String> it = textsNode.fieldNames(); it.hasNext(); ) {
                String locale = it.next();
                texts.put(
                        locale,
                        noticeText(textsNode.get(locale), where + " texts." + locale, locale));
            }
            notices.add(new Notice(version, effective, material.booleanValue(), affects, texts));
        }
        return new NoticeRegistry(notices);
    }

    private static Notice.Text noticeText(JsonNode node, String where, String locale) {
        if (!Locales.SUPPORTED.contains(locale)) {
            throw new CatalogueException(
                    where + ": not a supported locale; supported: " + Locales.SUPPORTED);
        }
        known(node, NOTICE_TEXT_KEYS, where);
        String text = node.has("text") ? text(node, "text", where) : null;
        String url = node.has("url") ? text(node, "url", where) : null;
        String sha256 = node.has("sha256") ? text(node, "sha256", where) : null;
        if (text == null && url == null) {
            throw new CatalogueException(where + ": needs the text shown or its url");
        }
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new CatalogueException(where + ": sha256 must be 64 lower-case hex digits");
        }
        if (text != null) {
            String computed = sha256Hex(text);
            if (sha256 != null && !sha256.equals(computed)) {
                throw new CatalogueException(
                        where + ": sha256 does not match the text (it is " + computed + ")");
            }
            sha256 = computed;
        } else if (sha256 == null) {
            throw new CatalogueException(
                    where + ": a notice published at a url needs the sha256 of what it shows");
        }
        return new Notice.Text(text, url, sha256);
    }

    /** SHA-256 (hex) of a text's UTF-8 bytes: what a receipt records of the notice shown. */
    public static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(
                                            text.getBytes(
                                                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void known(JsonNode node, Set<String> keys, String where) {
        if (node == null || !node.isObject()) {
            throw new CatalogueException(where + ": must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw new CatalogueException(where + ": unknown key \"" + name + "\"");
            }
        }
    }

    private static Purpose purpose(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new CatalogueException(where + ": must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new CatalogueException(where + ": unknown key \"" + name + "\"");
            }
        }
        String id = text(node, "id", where);
        where = where + " (" + id + ")";
        if (!ID.matcher(id).matches()) {
            throw new CatalogueException(
                    where + ": id must be lower-case letters, digits and dashes");
        }
        Set<PersonalField> fields = EnumSet.noneOf(PersonalField.class);
        for (JsonNode f : array(node, "fieldsNeeded", where)) {
            Optional<PersonalField> field = PersonalField.fromJsonName(f.asText());
            if (field.isEmpty()) {
                throw new CatalogueException(
                        where
                                + ": fieldsNeeded has \""
                                + f.asText()
                                + "\"; use email, phone or name");
            }
            fields.add(field.get());
        }
        RetentionPolicy retention;
        try {
            retention = RetentionPolicy.parse(text(node, "retention", where));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new CatalogueException(
                    where + ": retention must be a positive ISO-8601 period such as P24M or P90D");
        }
        List<String> thirdParties = new ArrayList<>();
        for (JsonNode t : array(node, "thirdParties", where)) {
            if (!t.isTextual() || t.asText().isBlank()) {
                throw new CatalogueException(where + ": thirdParties must be names");
            }
            thirdParties.add(t.asText());
        }
        JsonNode sale = node.get("saleOrSharing");
        if (sale == null || !sale.isBoolean()) {
            throw new CatalogueException(where + ": saleOrSharing must be true or false");
        }
        if (sale.asBoolean() && thirdParties.isEmpty()) {
            throw new CatalogueException(
                    where + ": a sale/sharing purpose must name its third parties");
        }
        Confirmation confirmation = Confirmation.NONE;
        JsonNode confirm = node.get("confirmation");
        String at = where;
        if (confirm != null) {
            confirmation =
                    Confirmation.fromJsonName(confirm.isTextual() ? confirm.asText() : "")
                            .orElseThrow(
                                    () ->
                                            new CatalogueException(
                                                    at
                                                            + ": confirmation must be \"email\","
                                                            + " \"sms\" or \"none\""));
        }
        if (confirmation != Confirmation.NONE && !fields.contains(confirmation.identifier())) {
            throw new CatalogueException(
                    where
                            + ": a purpose confirmed by "
                            + confirmation.jsonName()
                            + " must list "
                            + confirmation.identifier().jsonName()
                            + " in fieldsNeeded");
        }
        Map<String, String> descriptions = new LinkedHashMap<>();
        if (node.has("texts")) {
            JsonNode texts = node.get("texts");
            if (!texts.isObject()) {
                throw new CatalogueException(
                        where + ": texts must be an object of locale to {\"description\"}");
            }
            for (Iterator<String> it = texts.fieldNames(); it.hasNext(); ) {
                String locale = it.next();
                if (!Locales.SUPPORTED.contains(locale) || Locales.DEFAULT.equals(locale)) {
                    throw new CatalogueException(
                            where
                                    + ": texts."
                                    + locale
                                    + " is not a supported locale besides en; supported: "
                                    + Locales.SUPPORTED);
                }
                known(texts.get(locale), Set.of("description"), where + " texts." + locale);
                descriptions.put(
                        locale, text(texts.get(locale), "description", where + " texts." + locale));
            }
        }
        List<Recipient> recipients = new ArrayList<>();
        if (node.has("recipients")) {
            for (JsonNode r : array(node, "recipients", where)) {
                known(r, RECIPIENT_KEYS, where + " recipients");
                String name = text(r, "name", where + " recipients");
                String location = text(r, "location", where + " recipients");
                if (!COUNTRY.matcher(location).matches()) {
                    throw new CatalogueException(
                            where
                                    + " recipients ("
                                    + name
                                    + "): location must be an ISO 3166"
                                    + " country code such as SG");
                }
                recipients.add(
                        new Recipient(name, location, text(r, "contact", where + " recipients")));
            }
            if (!recipients.stream()
                    .map(Recipient::name)
                    .sorted()
                    .toList()
                    .equals(thirdParties.stream().sorted().toList())) {
                throw new CatalogueException(
                        where + ": recipients must give each of the thirdParties once");
            }
        }
        Set<PersonalField> sensitive = EnumSet.noneOf(PersonalField.class);
        if (node.has("sensitiveFields")) {
            for (JsonNode f : array(node, "sensitiveFields", where)) {
                Optional<PersonalField> field = PersonalField.fromJsonName(f.asText());
                if (field.isEmpty() || !fields.contains(field.get())) {
                    throw new CatalogueException(
                            where + ": sensitiveFields must be among its fieldsNeeded");
                }
                sensitive.add(field.get());
            }
        }
        return new Purpose(
                id,
                text(node, "description", where),
                text(node, "category", where),
                fields,
                retention,
                thirdParties,
                sale.asBoolean(),
                confirmation,
                descriptions,
                recipients,
                sensitive);
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new CatalogueException(where + ": \"" + key + "\" must be a non-empty string");
        }
        return value.asText();
    }

    private static JsonNode array(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isArray()) {
            throw new CatalogueException(where + ": \"" + key + "\" must be an array");
        }
        return value;
    }

    public Optional<Purpose> find(String id) {
        return Optional.ofNullable(purposes.get(id));
    }

    public Collection<Purpose> all() {
        return purposes.values();
    }

    public NoticeRegistry notices() {
        return notices;
    }
}
