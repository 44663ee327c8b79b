package dev.consentvault.core.privacy;

import dev.consentvault.core.consent.Identifiers;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.store.ConsentTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The suppression list: after an erasure, one entry per identifier of the person, so that a later
 * import, processor sync or (where switched on) capture for marketing to the same address is
 * flagged. An entry is a keyed hash and nothing else: HMAC-SHA256 under the subject index key, in a
 * domain of its own ({@code suppression}) over the identifier's subject key, so it matches only
 * what is checked through the system's own key, and it does not equal the subject keys the consent
 * table (and its backups) carry, so it cannot be joined with them. Stored in the privacy-requests
 * table as {@code SUPPRESSED#{entry}} with the time it was added; see docs/security.md for why it
 * may be kept after the erasure.
 */
public final class SuppressionList {

    public static final String PK_PREFIX = "SUPPRESSED#";
    public static final String SK = "SUPPRESSED";
    public static final String SUPPRESSED_AT = "suppressedAt";

    private final SuppressionStore store;
    private final Supplier<SubjectKeys> keys;

    /** {@code keys} is asked for only when an entry is computed (it may unwrap the index key). */
    public SuppressionList(SuppressionStore store, Supplier<SubjectKeys> keys) {
        this.store = store;
        this.keys = keys;
    }

    /**
     * Lists the identifiers an erasure found, as {@code attribute=subjectKey} ({@link
     * ConsentTable#EMAIL_KEY} or {@link ConsentTable#PHONE_KEY}).
     */
    public void suppress(Collection<String> subjectKeys, Instant at) {
        if (subjectKeys.isEmpty()) {
            return;
        }
        SubjectKeys k = keys.get();
        store.add(subjectKeys.stream().map(s -> entry(k, s)).toList(), at);
    }

    /**
     * Screens identifiers (an import file, a processor sync): the positions (0-based) of those on
     * the list. Values that are neither an email address nor an E.164 phone number are skipped.
     */
    public List<Integer> screen(List<String> identifiers) {
        SubjectKeys k = keys.get();
        // positions in the input, for the entries computed
        List<Integer> positions = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        for (int i = 0; i < identifiers.size(); i++) {
            Optional<String> entry = entryOf(k, identifiers.get(i));
            if (entry.isPresent()) {
                positions.add(i);
                computed.add(entry.get());
            }
        }
        Set<String> present = store.present(computed);
        List<Integer> suppressed = new ArrayList<>();
        for (int i = 0; i < computed.size(); i++) {
            if (present.contains(computed.get(i))) {
                suppressed.add(positions.get(i));
            }
        }
        return suppressed;
    }

    /** Whether this normalised identifier is on the list. */
    public boolean contains(PersonalField field, String normalised) {
        SubjectKeys k = keys.get();
        String attribute =
                field == PersonalField.EMAIL ? ConsentTable.EMAIL_KEY : ConsentTable.PHONE_KEY;
        String entry = entry(k, attribute + "=" + k.subjectKey(field, normalised));
        return store.present(List.of(entry)).contains(entry);
    }

    private static Optional<String> entryOf(SubjectKeys k, String raw) {
        Optional<String> email = Identifiers.email(raw.strip());
        if (email.isPresent()) {
            return Optional.of(
                    entry(
                            k,
                            ConsentTable.EMAIL_KEY
                                    + "="
                                    + k.subjectKey(PersonalField.EMAIL, email.get())));
        }
        return Identifiers.phone(raw.strip())
                .map(
                        phone ->
                                entry(
                                        k,
                                        ConsentTable.PHONE_KEY
                                                + "="
                                                + k.subjectKey(PersonalField.PHONE, phone)));
    }

    private static String entry(SubjectKeys k, String attributeAndSubjectKey) {
        return k.digest("suppression", attributeAndSubjectKey);
    }
}
