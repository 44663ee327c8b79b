package dev.consentvault.core.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One link of the chain: an event, its position ({@code seq}, from 1), the previous entry's hash
 * and its own. The hash covers every other field, so changing any of them, or reordering entries,
 * breaks the link to the next entry. The first entry's previous hash is {@link #GENESIS}.
 */
public record LedgerEntry(long seq, LedgerEvent event, String prevHash, String hash) {

    /** The previous hash of entry 1. */
    public static final String GENESIS = "0".repeat(64);

    /** The entry at {@code seq} after an entry whose hash is {@code prevHash}. */
    public static LedgerEntry chain(long seq, LedgerEvent event, String prevHash) {
        return new LedgerEntry(seq, event, prevHash, hashOf(seq, event, prevHash));
    }

    /** True when the stored hash is the hash of the stored fields. */
    public boolean sealed() {
        return hash.equals(hashOf(seq, event, prevHash));
    }

    /**
     * SHA-256 over the fields in a fixed order, each as {@code name=length:value;} (null as {@code
     * name=-;}), so no two different entries serialise alike.
     */
    static String hashOf(long seq, LedgerEvent e, String prevHash) {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"seq", Long.toString(seq)});
        fields.add(new String[] {"prevHash", prevHash});
        fields.add(new String[] {"eventKey", e.eventKey()});
        fields.add(new String[] {"at", e.at().toString()});
        fields.add(new String[] {"kind", e.kind().name()});
        fields.add(new String[] {"receiptRef", e.receiptRef()});
        fields.add(new String[] {"requestId", e.requestId()});
        fields.add(new String[] {"purposeId", e.purposeId()});
        fields.add(new String[] {"subjectRef", e.subjectRef()});
        fields.add(new String[] {"staffId", e.staffId()});
        fields.add(new String[] {"detail", e.detail()});
        StringBuilder text = new StringBuilder();
        for (String[] field : fields) {
            text.append(field[0]).append('=');
            if (field[1] == null) {
                text.append('-');
            } else {
                text.append(field[1].length()).append(':').append(field[1]);
            }
            text.append(';');
        }
        return Refs.sha256(text.toString());
    }

    public Instant at() {
        return event.at();
    }
}
