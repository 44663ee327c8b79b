package dev.consentvault.core.ledger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The ledger in memory, chained as the DynamoDB one chains; tests may alter its entries. */
public class InMemoryLedger implements Ledger {

    public final List<LedgerEntry> entries = new ArrayList<>();
    public Head head;
    private final Set<String> keys = new HashSet<>();

    @Override
    public synchronized int append(List<LedgerEvent> events) {
        int added = 0;
        for (LedgerEvent event : events) {
            if (!keys.add(event.eventKey())) {
                continue;
            }
            LedgerEntry entry =
                    LedgerEntry.chain(
                            entries.size() + 1L,
                            event,
                            entries.isEmpty()
                                    ? LedgerEntry.GENESIS
                                    : entries.get(entries.size() - 1).hash());
            entries.add(entry);
            head = new Head(entry.seq(), entry.hash());
            added++;
        }
        return added;
    }

    @Override
    public Optional<Head> head() {
        return Optional.ofNullable(head);
    }

    @Override
    public void entries(long fromSeq, Consumer<LedgerEntry> each) {
        entries.stream().filter(e -> e.seq() >= fromSeq).forEach(each);
    }

    @Override
    public List<LedgerEntry> byReceiptRef(String receiptRef) {
        return entries.stream().filter(e -> receiptRef.equals(e.event().receiptRef())).toList();
    }

    @Override
    public List<LedgerEntry> byRequest(String requestId) {
        return entries.stream().filter(e -> requestId.equals(e.event().requestId())).toList();
    }
}
