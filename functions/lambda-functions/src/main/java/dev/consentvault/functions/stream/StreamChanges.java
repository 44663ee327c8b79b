package dev.consentvault.functions.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.consentvault.core.ledger.TableChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stream records as {@link TableChange}s: images as plain values, TTL deletions recognised. */
public final class StreamChanges {

    private StreamChanges() {}

    public static TableChange of(DynamodbEvent.DynamodbStreamRecord record, Instant now) {
        StreamRecord change = record.getDynamodb();
        Identity identity = record.getUserIdentity();
        boolean byTtl =
                identity != null
                        && "Service".equals(identity.getType())
                        && "dynamodb.amazonaws.com".equals(identity.getPrincipalId());
        return new TableChange(
                record.getEventID(),
                record.getEventName(),
                change.getApproximateCreationDateTime() == null
                        ? now
                        : change.getApproximateCreationDateTime().toInstant(),
                byTtl,
                plain(change.getKeys()),
                plain(change.getOldImage()),
                plain(change.getNewImage()));
    }

    static Map<String, Object> plain(Map<String, AttributeValue> image) {
        if (image == null) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        image.forEach(
                (name, value) -> {
                    Object plain = plain(value);
                    if (plain != null) {
                        values.put(name, plain);
                    }
                });
        return values;
    }

    private static Object plain(AttributeValue value) {
        if (value == null) {
            return null;
        }
        if (value.getS() != null) {
            return value.getS();
        }
        if (value.getN() != null) {
            return value.getN();
        }
        if (value.getBOOL() != null) {
            return value.getBOOL();
        }
        if (value.getL() != null) {
            List<Object> list = new ArrayList<>();
            value.getL().forEach(v -> list.add(plain(v)));
            return list;
        }
        if (value.getM() != null) {
            return plain(value.getM());
        }
        if (value.getSS() != null) {
            return List.copyOf(value.getSS());
        }
        // binary (sealed fields): never needed, never copied
        return null;
    }
}
