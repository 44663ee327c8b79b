package dev.consentvault.aws;

import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.StoredItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Domain items (pk, sk, and attribute values String, Number, Boolean, byte[], List, Map) to and
 * from DynamoDB's.
 */
final class AttributeValues {

    private AttributeValues() {}

    static Map<String, AttributeValue> toItem(StoredItem stored) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(ConsentTable.PK, AttributeValue.fromS(stored.pk()));
        item.put(ConsentTable.SK, AttributeValue.fromS(stored.sk()));
        stored.attributes()
                .forEach(
                        (name, value) -> {
                            if (value != null) {
                                item.put(name, to(value));
                            }
                        });
        return item;
    }

    static AttributeValue to(Object value) {
        if (value instanceof String s) {
            return AttributeValue.fromS(s);
        }
        if (value instanceof Number n) {
            return AttributeValue.fromN(n.toString());
        }
        if (value instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (value instanceof byte[] bytes) {
            return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
        }
        if (value instanceof List<?> list) {
            return AttributeValue.fromL(list.stream().map(AttributeValues::to).toList());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put((String) k, to(v)));
            return AttributeValue.fromM(m);
        }
        throw new IllegalArgumentException(
                "unsupported attribute type " + value.getClass().getSimpleName());
    }

    static StoredItem fromItem(Map<String, AttributeValue> item) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        item.forEach(
                (name, value) -> {
                    if (!name.equals(ConsentTable.PK) && !name.equals(ConsentTable.SK)) {
                        attributes.put(name, from(value));
                    }
                });
        return new StoredItem(
                item.get(ConsentTable.PK).s(), item.get(ConsentTable.SK).s(), attributes);
    }

    static Object from(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> Long.parseLong(value.n());
            case BOOL -> value.bool();
            case B -> value.b().asByteArray();
            case L -> value.l().stream().map(AttributeValues::from).toList();
            case M -> {
                Map<String, Object> m = new LinkedHashMap<>();
                value.m().forEach((k, v) -> m.put(k, from(v)));
                yield m;
            }
            case SS -> List.copyOf(value.ss());
            case NUL -> null;
            default ->
                    throw new IllegalArgumentException(
                            "unsupported attribute type " + value.type());
        };
    }
}
