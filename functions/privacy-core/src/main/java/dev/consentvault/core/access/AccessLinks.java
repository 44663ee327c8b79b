package dev.consentvault.core.access;

import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.i18n.Locales;
import dev.consentvault.core.notify.Channel;
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.OutboundMessage;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.store.AccessLinkItem;
import dev.consentvault.core.store.AttemptCounter;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.SessionItem;
import dev.consentvault.core.store.StoredItem;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The way back for a person who has no receipt token: ask for a link (email) or a code (SMS) to be
 * sent to an identifier, redeem it for a short-lived session scoped to that identifier's subject
 * key, use the session, end it.
 *
 * <p>Asking never says whether anything is held: whatever the identifier, the work is the same (a
 * counter update, one index query for at most one item, a message built and sealed, one
 * all-or-nothing write of two items) and the answer is the same; only when something is held are
 * the two items the link and its message, and does the link open anything; otherwise they are a
 * link that opens nothing and random filler as long as the message would have been. Over the rate
 * limit, nothing is sent, with the same answer. The identifier is kept only as keyed digests and,
 * sealed, on the link and the session (which need it to write to the person).
 */
public final class AccessLinks {

    /** How long an emailed link or a texted code works. */
    public static final Duration LINK_LIFETIME = Duration.ofMinutes(15);

    /** How long a session lasts once opened. */
    public static final Duration SESSION_LIFETIME = Duration.ofMinutes(30);

    /** Links or codes one identifier may ask for per hour; more are dropped silently. */
    public static final int LINKS_PER_HOUR = 3;

    /** Codes one phone number may try per code lifetime before the code locks. */
    public static final int CODE_ATTEMPTS = 5;

    private static final Duration LINK_WINDOW = Duration.ofHours(1);
    private static final String LINK_COUNTER = "ACCESS_LINKS";
    private static final String CODE_COUNTER = "ACCESS_CODES";

    /** Where the kit's "Find my data" page reads the link's token from (never sent to a server). */
    public static final String PAGE = "/find-my-data.html";

    private final ConsentStore store;
    private final SubjectKeys keys;
    private final Envelope envelope;
    private final Outbox outbox;
    private final String table;
    private final Clock clock;
    // replaced after a SnapStart restore, hence not final
    private volatile SecureRandom random = new SecureRandom();

    public AccessLinks(
            ConsentStore store,
            SubjectKeys keys,
            Envelope envelope,
            Outbox outbox,
            String table,
            Clock clock) {
        this.store = store;
        this.keys = keys;
        this.envelope = envelope;
        this.outbox = outbox;
        this.table = table;
        this.clock = clock;
    }

    /**
     * The emailed link: the page, the language the message is written in ({@code ?lang=}, so the
     * page opens in it whatever the browser prefers) and the token in the fragment (never sent to a
     * server).
     */
    static String link(String baseUrl, String locale, String token) {
        return baseUrl + PAGE + "?lang=" + Locales.of(locale) + "#link=" + token;
    }

    /** After a SnapStart restore: fresh randomness, no data key from the snapshot. */
    public void afterRestore() {
        random = new SecureRandom();
        envelope.afterRestore();
        outbox.afterRestore();
    }

    /**
     * {@code POST /v1/access-links}: sends a link (email) or code (SMS) to the identifier when
     * anything is held under it; returns the same (nothing) either way.
     *
     * @param baseUrl where the "Find my data" page is served (the link points there)
     */
    public void send(AccessLinkRequest request, String baseUrl) {
        Instant now = clock.instant();
        String identity = request.field().jsonName() + ":" + request.identifier();
        long window = now.getEpochSecond() / LINK_WINDOW.toSeconds() * LINK_WINDOW.toSeconds();
        if (!store.countAttempt(
                AttemptCounter.key(LINK_COUNTER, keys.digest("access-links", identity), window),
                LINKS_PER_HOUR,
                window + 2 * LINK_WINDOW.toSeconds())) {
            return;
        }
        String attribute =
                request.field() == PersonalField.EMAIL
                        ? ConsentTable.EMAIL_KEY
                        : ConsentTable.PHONE_KEY;
        String subjectKey = keys.subjectKey(request.field(), request.identifier());
        boolean held = store.holdsAny(attribute, subjectKey);

        OutboundMessage message;
        String id;
        if (request.field() == PersonalField.EMAIL) {
            String token = randomToken();
            id = ConsentCapture.sha256(token);
            message =
                    new OutboundMessage(
                            Channel.EMAIL,
                            request.identifier(),
                            request.locale(),
                            MessageKind.ACCESS_LINK,
                            Map.of(
                                    OutboundMessage.LINK,
                                    link(baseUrl, request.locale(), token),
                                    OutboundMessage.EXPIRES_IN_MINUTES,
                                    Long.toString(LINK_LIFETIME.toMinutes())));
        } else {
            String code = String.format("%06d", random.nextInt(1_000_000));
            id = codeId(request.identifier(), code);
            message =
                    new OutboundMessage(
                            Channel.SMS,
                            request.identifier(),
                            request.locale(),
                            MessageKind.ACCESS_CODE,
                            Map.of(
                                    OutboundMessage.CODE,
                                    code,
                                    OutboundMessage.EXPIRES_IN_MINUTES,
                                    Long.toString(LINK_LIFETIME.toMinutes())));
        }
        long expiresAt = now.plus(LINK_LIFETIME).getEpochSecond();
        // built either way, so both paths seal (and fetch a data key) alike; written only if held
        StoredItem sent = outbox.item(message, now);
        AccessLinkItem probe = new AccessLinkItem(id, null, null, null, expiresAt);
        byte[] contact =
                envelope.seal(
                        request.identifier().getBytes(StandardCharsets.UTF_8),
                        probe.binding(table));
        List<StoredItem> write = new ArrayList<>();
        if (held) {
            write.add(new AccessLinkItem(id, attribute, subjectKey, contact, expiresAt).toItem());
            write.add(sent);
        } else {
            byte[] filler = new byte[sent.bytes(ConsentTable.SEALED).length];
            random.nextBytes(filler);
            write.add(probe.toItem());
            write.add(probe.padding(filler));
        }
        store.writeTogether(write);
    }

    /**
     * {@code POST /v1/access-sessions}: redeems a link or a code once for a session. Empty for a
     * wrong, used or expired link or code (one answer for all). Codes are limited per phone number
     * ({@link #CODE_ATTEMPTS} per {@link #LINK_LIFETIME}), whether or not one was sent.
     *
     * @throws TooManyAttemptsException when the phone number's codes are locked
     */
    public Optional<OpenedSession> redeem(Redemption redemption) {
        Instant now = clock.instant();
        String id;
        if (redemption.linkToken() != null) {
            id = ConsentCapture.sha256(redemption.linkToken());
        } else {
            long lifetime = LINK_LIFETIME.toSeconds();
            long window = now.getEpochSecond() / lifetime * lifetime;
            if (!store.countAttempt(
                    AttemptCounter.key(
                            CODE_COUNTER, keys.digest("access-codes", redemption.phone()), window),
                    CODE_ATTEMPTS,
                    window + 2 * lifetime)) {
                throw new TooManyAttemptsException(window + lifetime - now.getEpochSecond());
            }
            id = codeId(redemption.phone(), redemption.code());
        }
        Optional<AccessLinkItem> link =
                store.find(AccessLinkItem.PK_PREFIX + id, AccessLinkItem.SK)
                        .filter(item -> !item.expiredAt(now))
                        .map(AccessLinkItem::of)
                        .filter(AccessLinkItem::opensSomething);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        String token = randomToken();
        String tokenHash = ConsentCapture.sha256(token);
        long expiresAt = now.plus(SESSION_LIFETIME).getEpochSecond();
        SessionItem unsealed =
                new SessionItem(
                        tokenHash,
                        link.get().subjectAttribute(),
                        link.get().subjectKey(),
                        null,
                        expiresAt);
        byte[] contact = envelope.open(link.get().sealedContact(), link.get().binding(table));
        SessionItem session =
                new SessionItem(
                        tokenHash,
                        unsealed.subjectAttribute(),
                        unsealed.subjectKey(),
                        envelope.seal(contact, unsealed.binding(table)),
                        expiresAt);
        if (!store.exchange(link.get().key(), session.toItem(), now)) {
            return Optional.empty();
        }
        return Optional.of(new OpenedSession(token, Instant.ofEpochSecond(expiresAt)));
    }

    /** A session just opened: its bearer token (given this once) and when it ends. */
    public record OpenedSession(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "OpenedSession[expiresAt=" + expiresAt + "]";
        }
    }

    private String codeId(String phone, String code) {
        return keys.digest("access-code", phone + ":" + code);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
