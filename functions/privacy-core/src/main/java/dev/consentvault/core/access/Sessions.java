package dev.consentvault.core.access;

import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.SessionItem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Verified sessions once opened ({@link AccessLinks#redeem}): found by the SHA-256 of their bearer
 * token, live until they expire or are ended. A wrong, ended and expired token are one answer
 * (empty).
 */
public final class Sessions {

    private final ConsentStore store;
    private final Envelope envelope;
    private final String table;
    private final Clock clock;

    public Sessions(ConsentStore store, Envelope envelope, String table, Clock clock) {
        this.store = store;
        this.envelope = envelope;
        this.table = table;
        this.clock = clock;
    }

    /** The live session this bearer token opens, or empty (wrong, ended or expired). */
    public Optional<Session> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.find(SessionItem.PK_PREFIX + ConsentCapture.sha256(token), SessionItem.SK)
                .filter(SessionItem::is)
                .filter(item -> !item.expiredAt(now))
                .map(SessionItem::of)
                .map(Session::new);
    }

    /** The session's identifier in clear, to write to the person; only ever sealed at rest. */
    public String contact(Session session) {
        return new String(
                envelope.open(session.item().sealedContact(), session.item().binding(table)),
                StandardCharsets.UTF_8);
    }

    /** Ends the session at once. */
    public void end(Session session) {
        store.deleteItems(List.of(session.item().key()));
    }
}
