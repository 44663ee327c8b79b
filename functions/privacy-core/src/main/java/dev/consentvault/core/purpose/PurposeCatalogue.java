package dev.consentvault.core.purpose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.json.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
                    "confirmation");

    private final Map<String, Purpose> purposes;

    private PurposeCatalogue(Map<String, Purpose> purposes) {
        this.purposes = purposes;
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
            root = StrictJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new CatalogueException("purposes catalogue " + origin + " is not valid JSON");
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
        return new PurposeCatalogue(java.util.Collections.unmodifiableMap(byId));
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
        return new Purpose(
                id,
                text(node, "description", where),
                text(node, "category", where),
                fields,
                retention,
                thirdParties,
                sale.asBoolean(),
                confirmation);
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
}
