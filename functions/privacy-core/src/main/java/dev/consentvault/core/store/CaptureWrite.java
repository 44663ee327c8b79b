package dev.consentvault.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One capture's all-or-nothing write: the items of the consent table, the idempotency marker (or
 * null) and the receipt's key for the keys table. Held as it is when the table throttles, and
 * written later by the drainer, so what ends up stored is the same either way.
 *
 * <p>Its JSON form types every value as DynamoDB does ({@code S}, {@code N}, {@code B} base64,
 * {@code BOOL}, {@code L}, {@code M}), so it reads back to equal items.
 */
public record CaptureWrite(
        String receiptId, List<StoredItem> items, StoredItem marker, ReceiptKeyItem receiptKey) {

    public CaptureWrite {
        items = List.copyOf(items);
    }

    public byte[] toJson() {
        ObjectNode root = Json.object();
        root.put("receiptId", receiptId);
        ArrayNode list = root.putArray("items");
        items.forEach(i -> list.add(item(i)));
        if (marker != null) {
            root.set("marker", item(marker));
        }
        if (receiptKey != null) {
            root.set("receiptKey", item(receiptKey.toItem()));
        }
        return Json.bytes(root);
    }

    public static CaptureWrite fromJson(byte[] json) {
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a held capture", e);
        }
        List<StoredItem> items = new ArrayList<>();
        root.path("items").forEach(n -> items.add(item(n)));
        return new CaptureWrite(
                root.path("receiptId").asText(),
                items,
                root.hasNonNull("marker") ? item(root.get("marker")) : null,
                root.hasNonNull("receiptKey")
                        ? ReceiptKeyItem.of(item(root.get("receiptKey")))
                        : null);
    }

    private static ObjectNode item(StoredItem item) {
        ObjectNode node = Json.object();
        node.put("pk", item.pk());
        node.put("sk", item.sk());
        ObjectNode attributes = node.putObject("attributes");
        item.attributes()
                .forEach(
                        (k, v) -> {
                            if (v != null) {
                                attributes.set(k, value(v));
                            }
                        });
        return node;
    }

    private static StoredItem item(JsonNode node) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.path("attributes").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            attributes.put(f.getKey(), value(f.getValue()));
        }
        return new StoredItem(node.path("pk").asText(), node.path("sk").asText(), attributes);
    }

    private static ObjectNode value(Object v) {
        ObjectNode node = Json.object();
        if (v instanceof String s) {
            node.put("S", s);
        } else if (v instanceof Number n) {
            node.put("N", Long.toString(n.longValue()));
        } else if (v instanceof Boolean b) {
            node.put("BOOL", b);
        } else if (v instanceof byte[] bytes) {
            node.put("B", Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof List<?> list) {
            ArrayNode array = node.putArray("L");
            list.forEach(e -> array.add(value(e)));
        } else if (v instanceof Map<?, ?> map) {
            ObjectNode m = node.putObject("M");
            map.forEach((k, e) -> m.set(String.valueOf(k), value(e)));
        } else {
            throw new IllegalArgumentException("no stored form for " + v.getClass());
        }
        return node;
    }

    private static Object value(JsonNode node) {
        if (node.has("S")) {
            return node.get("S").asText();
        }
        if (node.has("N")) {
            return Long.parseLong(node.get("N").asText());
        }
        if (node.has("BOOL")) {
            return node.get("BOOL").asBoolean();
        }
        if (node.has("B")) {
            return Base64.getDecoder().decode(node.get("B").asText());
        }
        if (node.has("L")) {
            List<Object> list = new ArrayList<>();
            node.get("L").forEach(e -> list.add(value(e)));
            return list;
        }
        if (node.has("M")) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.get("M").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                map.put(f.getKey(), value(f.getValue()));
            }
            return map;
        }
        throw new IllegalArgumentException("untyped value in a held capture");
    }

    @Override
    public String toString() {
        return "CaptureWrite[receiptId=" + receiptId + ", items=" + items.size() + "]";
    }
}
