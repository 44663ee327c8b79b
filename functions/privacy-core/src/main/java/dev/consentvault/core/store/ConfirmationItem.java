package dev.consentvault.core.store;

import dev.consentvault.core.purpose.Confirmation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pending double opt-in ({@code CONFIRMATION#{receiptId}} / {@code EMAIL} or {@code SMS}): the
 * hash of the one-time link's token (email) or the keyed hash of the 6-digit code (SMS), the
 * purposes it confirms, and how many codes were tried. It lives as long as the pending purposes and
 * is deleted by the confirmation, so a link or code works once. It carries the subject keys, so an
 * erasure finds it too.
 *
 * @param secretHash SHA-256 of the link token, or the index-keyed digest of the code
 * @param attempts codes tried so far (always 0 for a link)
 * @param expiresAt epoch seconds (TTL): the end of the confirmation window
 */
public record ConfirmationItem(
        String receiptId,
        Confirmation channel,
        String secretHash,
        List<String> purposeIds,
        int attempts,
        long expiresAt,
        SubjectKeyPair subjectKeys) {

    public static final String SECRET_HASH = "secretHash";
    public static final String PURPOSE_IDS = "purposeIds";
    public static final String ATTEMPTS = "attempts";

    public ConfirmationItem {
        purposeIds = List.copyOf(purposeIds);
        if (channel == Confirmation.NONE) {
            throw new IllegalArgumentException("a confirmation goes by email or SMS");
        }
    }

    public static boolean is(StoredItem item) {
        return item.pk().startsWith(ConsentTable.CONFIRMATION_PK_PREFIX);
    }

    public String pk() {
        return ConsentTable.confirmationPk(receiptId);
    }

    public String sk() {
        return sk(channel);
    }

    public static String sk(Confirmation channel) {
        return channel.name();
    }

    public boolean liveAt(java.time.Instant now) {
        return expiresAt > now.getEpochSecond();
    }

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        subjectKeys.putInto(a);
        a.put(SECRET_HASH, secretHash);
        a.put(PURPOSE_IDS, purposeIds);
        a.put(ATTEMPTS, (long) attempts);
        a.put(ConsentTable.EXPIRES_AT, expiresAt);
        return new StoredItem(pk(), sk(), a);
    }

    public static ConfirmationItem of(StoredItem item) {
        if (!is(item)) {
            throw new IllegalArgumentException("not a confirmation item: " + item);
        }
        Long attempts = item.number(ATTEMPTS);
        return new ConfirmationItem(
                item.pk().substring(ConsentTable.CONFIRMATION_PK_PREFIX.length()),
                Confirmation.valueOf(item.sk()),
                item.string(SECRET_HASH),
                item.strings(PURPOSE_IDS),
                attempts == null ? 0 : attempts.intValue(),
                item.number(ConsentTable.EXPIRES_AT),
                SubjectKeyPair.of(item));
    }

    @Override
    public String toString() {
        // the hash stays out of logs
        return "ConfirmationItem[receiptId=" + receiptId + ", channel=" + channel + "]";
    }
}
