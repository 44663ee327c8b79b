package dev.consentvault.core.figures;

import dev.consentvault.core.ledger.PrivacyEvents;
import dev.consentvault.core.ledger.TableChange;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * What each change of a consent decision adds to the figures: a captured decision counts as
 * granted, refused, refused by GPC or pending; a confirmation, a withdrawal and a TTL expiry count
 * on the day they happened. Erasures are not counted (the decision was not a choice). Reads the
 * decision's status and reason only.
 */
public final class ConsentFigures {

    private ConsentFigures() {}

    /**
     * @param sourceOf the campaign and page of a receipt id
     */
    public static List<Increment> of(TableChange change, Function<String, Source> sourceOf) {
        String pk = change.pk();
        String sk = change.sk();
        if (pk == null
                || sk == null
                || !pk.startsWith(ConsentTable.RECEIPT_PK_PREFIX)
                || !sk.startsWith(ConsentTable.PURPOSE_SK_PREFIX)) {
            return List.of();
        }
        Measure measure = measure(change);
        if (measure == null) {
            return List.of();
        }
        String receiptId = pk.substring(ConsentTable.RECEIPT_PK_PREFIX.length());
        Source source = sourceOf.apply(receiptId);
        return List.of(
                new Increment(
                        source.campaign(),
                        source.page(),
                        sk.substring(ConsentTable.PURPOSE_SK_PREFIX.length()),
                        change.at().atZone(ZoneOffset.UTC).toLocalDate(),
                        measure));
    }

    private static Measure measure(TableChange change) {
        String before = change.oldString(DecisionItem.STATUS);
        String after = change.newString(DecisionItem.STATUS);
        if (change.removed()) {
            return change.byTtl() ? Measure.EXPIRED : null;
        }
        if (change.inserted()) {
            if (after == null) {
                return null;
            }
            return switch (after) {
                case "GRANTED" -> Measure.GRANTED;
                case "REFUSED" ->
                        "gpc".equals(change.newString(DecisionItem.REASON))
                                ? Measure.REFUSED_GPC
                                : Measure.REFUSED;
                case PrivacyEvents.PENDING_CONFIRMATION -> Measure.PENDING;
                default -> null;
            };
        }
        if (before == null || after == null || before.equals(after)) {
            return null;
        }
        if ("WITHDRAWN".equals(after)) {
            return Measure.WITHDRAWN;
        }
        if (PrivacyEvents.PENDING_CONFIRMATION.equals(before) && "GRANTED".equals(after)) {
            return Measure.CONFIRMED;
        }
        return null;
    }
}
