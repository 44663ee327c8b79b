package dev.consentvault.core.consent;

import dev.consentvault.core.purpose.Notice;
import dev.consentvault.core.purpose.NoticeRegistry;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.ReceiptItem;
import dev.consentvault.core.store.StoredItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For support staff: each notice version with how many live receipts were captured on it and how
 * many of those need re-consent (a later material version in effect affects a purpose they still
 * grant). Counts only; reads the items' notice version, purpose ids and statuses, nothing personal.
 */
public final class NoticeCensus {

    private NoticeCensus() {}

    /**
     * @param notice the registry's version, empty for a version receipts name that the registry no
     *     longer lists
     */
    public record Row(
            String version,
            Optional<Notice> notice,
            boolean current,
            int liveReceipts,
            int reconsentRequired) {}

    /** The attributes the census reads: a scan may project to these alone. */
    public static final List<String> ATTRIBUTES =
            List.of(
                    ConsentTable.PK,
                    ConsentTable.SK,
                    ConsentTable.EXPIRES_AT,
                    ReceiptItem.NOTICE_VERSION,
                    DecisionItem.PURPOSE_ID,
                    DecisionItem.STATUS);

    /**
     * @param items the consent table's receipt and decision items (others are ignored)
     */
    public static List<Row> count(NoticeRegistry notices, Iterable<StoredItem> items, Instant now) {
        Map<String, String> versionByReceipt = new HashMap<>();
        Map<String, List<String>> grantedByReceipt = new HashMap<>();
        for (StoredItem item : items) {
            if (item.expiredAt(now)) {
                continue;
            }
            if (ReceiptItem.is(item)) {
                versionByReceipt.put(item.pk(), item.string(ReceiptItem.NOTICE_VERSION));
            } else if (DecisionItem.is(item)
                    && ConsentStatus.GRANTED.name().equals(item.string(DecisionItem.STATUS))) {
                grantedByReceipt
                        .computeIfAbsent(item.pk(), k -> new ArrayList<>())
                        .add(item.string(DecisionItem.PURPOSE_ID));
            }
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        notices.all().forEach(n -> counts.put(n.version(), new int[2]));
        for (Map.Entry<String, String> receipt : versionByReceipt.entrySet()) {
            int[] c = counts.computeIfAbsent(receipt.getValue(), v -> new int[2]);
            c[0]++;
            if (notices.reconsentRequired(
                    receipt.getValue(),
                    grantedByReceipt.getOrDefault(receipt.getKey(), List.of()),
                    now)) {
                c[1]++;
            }
        }
        Optional<Notice> current = notices.current(now);
        List<Row> rows = new ArrayList<>();
        counts.forEach(
                (version, c) ->
                        rows.add(
                                new Row(
                                        version,
                                        notices.find(version),
                                        current.map(n -> n.version().equals(version)).orElse(false),
                                        c[0],
                                        c[1])));
        return rows;
    }
}
