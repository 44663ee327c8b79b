package dev.consentvault.core.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.ReceiptKey;
import dev.consentvault.core.crypto.ReceiptKeys;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.crypto.ThrowawayKeys;
import dev.consentvault.core.i18n.Locales;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.notify.Channel;
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.OutboundMessage;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.purpose.Confirmation;
import dev.consentvault.core.purpose.Notice;
import dev.consentvault.core.purpose.NoticeRegistry;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.purpose.Purpose;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.store.CaptureOutcome;
import dev.consentvault.core.store.ConfirmationItem;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.IdempotencyKeyUsedException;
import dev.consentvault.core.store.IdempotencyMarker;
import dev.consentvault.core.store.ReceiptItem;
import dev.consentvault.core.store.ReceiptKeyItem;
import dev.consentvault.core.store.StoredItem;
import dev.consentvault.core.store.SubjectKeyPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Recording a person's consent: validate, decide each purpose (Global Privacy Control refuses
 * sale/sharing; a person under the jurisdiction's age of digital consent cannot consent), seal only
 * the fields each granted purpose needs under the receipt's own key, and write the receipt, the
 * decisions, the idempotency marker and that key (wrapped, into the keys table) in one
 * all-or-nothing write.
 */
public final class ConsentCapture {

    /** How long a response can be replayed for the same Idempotency-Key. */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{8,255}");

    private final PurposeCatalogue catalogue;
    private final Jurisdictions jurisdictions;
    private final ConsentRequestParser parser;
    private final ConsentStore store;
    private final ReceiptKeys receiptKeys;
    private final Controller controller;
    private static final JsonLog LOG = new JsonLog("consent-capture");
    private final String table;
    private final Clock clock;
    private final DoubleOptIn optIn;
    private final Supplier<SecureRandom> entropy;
    // replaced after a SnapStart restore (see afterRestore), hence not final
    private volatile SubjectKeys subjectKeys;
    private volatile SecureRandom random;

    /**
     * @param jurisdictions the codes accepted (with any fallback) and their ages of digital consent
     */
    public ConsentCapture(
            PurposeCatalogue catalogue,
            Jurisdictions jurisdictions,
            ConsentStore store,
            ReceiptKeys receiptKeys,
            SubjectKeys subjectKeys,
            Controller controller,
            String table,
            Clock clock,
            DoubleOptIn optIn) {
        this(
                catalogue,
                jurisdictions,
                store,
                receiptKeys,
                subjectKeys,
                controller,
                table,
                clock,
                optIn,
                SecureRandom::new);
    }

    /**
     * @param entropy where receipt ids and tokens get their randomness; asked again after every
     *     SnapStart restore
     */
    public ConsentCapture(
            PurposeCatalogue catalogue,
            Jurisdictions jurisdictions,
            ConsentStore store,
            ReceiptKeys receiptKeys,
            SubjectKeys subjectKeys,
            Controller controller,
            String table,
            Clock clock,
            DoubleOptIn optIn,
            Supplier<SecureRandom> entropy) {
        this.catalogue = catalogue;
        this.jurisdictions = jurisdictions;
        this.parser = new ConsentRequestParser(catalogue, jurisdictions);
        this.store = store;
        this.receiptKeys = receiptKeys;
        this.subjectKeys = subjectKeys;
        this.controller = controller;
        this.table = table;
        this.clock = clock;
        this.optIn = optIn;
        this.entropy = entropy;
        this.random = entropy.get();
    }

    /**
     * After a SnapStart restore, nothing random or secret may come from the snapshot, which every
     * restored copy shares: a fresh random source for ids and tokens, no cached data key, and the
     * index key just unwrapped again.
     */
    public void afterRestore(SubjectKeys reloadedIndexKey) {
        afterRestore(() -> reloadedIndexKey);
    }

    /**
     * As {@link #afterRestore(SubjectKeys)}, and a fresh data key generated while the index key is
     * unwrapped again (elsewhere, by {@code reloading}), so that neither key service round trip
     * waits in the first answer after the restore.
     */
    public void afterRestore(Supplier<SubjectKeys> reloading) {
        random = entropy.get();
        receiptKeys.afterRestore();
        optIn.outbox().afterRestore();
        prepareSealing(receiptKeys);
        subjectKeys = reloading.get();
    }

    /**
     * Generates the data key the first capture seals with (receipt keys, held captures and
     * confirmation messages share the consent table's envelope), so that its key service call is
     * made while the function starts (before this service is built, while the index key it needs is
     * unwrapped) and after a restore, rather than in the first answer. Any failure is left for that
     * capture, which tries again and answers for it.
     */
    public static void prepareSealing(ReceiptKeys receiptKeys) {
        try {
            receiptKeys.prepare();
        } catch (RuntimeException leftForTheFirstCapture) {
            // the first seal asks again, and its answer (503) is what a person sees
            LOG.warn(
                    "data-key-not-prepared",
                    Map.of("error", leftForTheFirstCapture.getClass().getSimpleName()));
        }
    }

    /**
     * A copy for priming before a SnapStart snapshot: the same catalogue, parser, sealing and JSON
     * writing, but with throwaway keys (no key service call, nothing anyone could open) and the
     * given store, which must keep nothing.
     */
    public ConsentCapture primer(ConsentStore discardingStore) {
        ThrowawayKeys throwaway = new ThrowawayKeys();
        Envelope throwawayEnvelope = Envelope.forTable(throwaway, table, clock);
        return new ConsentCapture(
                catalogue,
                jurisdictions,
                discardingStore,
                new ReceiptKeys(throwawayEnvelope, receiptKeys.keysTable()),
                new SubjectKeys(throwaway.randomIndexKey()),
                controller,
                table,
                clock,
                new DoubleOptIn(
                        new Outbox(throwawayEnvelope, table),
                        optIn.window(),
                        "https://priming.invalid"),
                entropy);
    }

    /**
     * A made-up request that grants every purpose of the catalogue, so priming goes through every
     * field's sealing. Its identifiers are reserved for examples (example.invalid, a fictional
     * number); it is never stored.
     */
    public byte[] primingRequest() {
        ObjectNode body = Json.object();
        body.putObject("subject")
                .put(PersonalField.EMAIL.jsonName(), "priming@example.invalid")
                .put(PersonalField.PHONE.jsonName(), "+34600000000")
                .put(PersonalField.NAME.jsonName(), "Priming Example");
        ObjectNode purposes = body.putObject("purposes");
        catalogue.all().forEach(p -> purposes.put(p.id(), true));
        List<Notice> notices = catalogue.notices().all();
        body.put("noticeVersion", notices.get(notices.size() - 1).version());
        body.putObject("source").put("page", "priming").put("campaign", "priming");
        body.put("jurisdiction", "EU");
        body.put("ageConfirmed", true);
        body.put("locale", "en-GB");
        return bytes(body);
    }

    /**
     * @param body the raw JSON request body
     * @param idempotencyKey the Idempotency-Key header, or null
     * @param gpc true when the browser sent {@code Sec-GPC: 1}
     */
    public CaptureResult capture(byte[] body, String idempotencyKey, boolean gpc) {
        return capture(body, idempotencyKey, gpc, null);
    }

    /**
     * @param requestBaseUrl the URL the request reached this API at (scheme and host), the base of
     *     confirmation links unless PUBLIC_BASE_URL is set; may be null when it is
     */
    public CaptureResult capture(
            byte[] body, String idempotencyKey, boolean gpc, String requestBaseUrl) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException(
                    "The Idempotency-Key header must be 8 to 255 visible ASCII characters.",
                    List.of(new FieldError("Idempotency-Key", "idempotency-key")));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ConsentRequest request = parser.parse(body, now);
        // a person under the age of digital consent cannot consent alone: the purposes that age
        // covers are refused and nothing is kept for them
        Optional<Jurisdictions.AgeRule> underAge =
                request.underAge()
                        ? jurisdictions
                                .rule(request.jurisdiction(), now)
                                .flatMap(Jurisdictions.Rule::age)
                        : Optional.empty();

        // the texts are recorded in the language the page showed, as far as the catalogue has it
        String shown = Locales.of(request.locale());
        String receiptId = randomUuid();
        String token = randomToken();
        List<ConsentDecision> decisions = new ArrayList<>();
        for (Map.Entry<String, Boolean> entry : request.purposes().entrySet()) {
            Purpose purpose = catalogue.find(entry.getKey()).orElseThrow();
            boolean refusedForAge = underAge.filter(a -> a.covers(purpose)).isPresent();
            decisions.add(
                    ConsentDecision.decide(
                            purpose,
                            shown,
                            entry.getValue(),
                            gpc,
                            refusedForAge,
                            request.separateConsentRefused(entry.getKey()),
                            now,
                            optIn.window()));
        }
        String noticeSha256 =
                NoticeRegistry.shown(
                                catalogue.notices().find(request.noticeVersion()).orElseThrow(),
                                shown)
                        .getValue()
                        .sha256();
        List<String> separateConsents =
                decisions.stream()
                        .filter(d -> d.status() == ConsentStatus.GRANTED)
                        .map(ConsentDecision::purposeId)
                        .filter(id -> Boolean.TRUE.equals(request.separateConsents().get(id)))
                        .toList();

        // an identifier only a pending purpose needs is not the receipt's until confirmed: its
        // subject key goes only on the items that expire with the pending purpose
        SubjectKeyPair keys = keptSubjectKeys(request.subject(), decisions, false);
        SubjectKeyPair withPending = keptSubjectKeys(request.subject(), decisions, true);
        ReceiptKey receiptKey = receiptKeys.create(receiptId);
        ReceiptItem receiptItem =
                receiptItem(
                        receiptId,
                        request,
                        shown,
                        new Shown(noticeSha256, separateConsents),
                        decisions,
                        token,
                        gpc,
                        now,
                        keys);
        List<StoredItem> items = new ArrayList<>();
        items.add(receiptItem.toItem());
        for (ConsentDecision decision : decisions) {
            SubjectKeyPair itemKeys =
                    decision.status() == ConsentStatus.PENDING_CONFIRMATION ? withPending : keys;
            items.add(
                    decisionItem(receiptId, decision, request.subject(), now, itemKeys, receiptKey)
                            .toItem());
        }
        items.addAll(
                confirmations(receiptId, request, decisions, withPending, now, requestBaseUrl));
        ReceiptKeyItem keyItem =
                new ReceiptKeyItem(receiptId, receiptKey.wrapped(), receiptItem.expiresAt());

        Receipt receipt =
                new Receipt(
                        receiptId,
                        now,
                        request.jurisdiction(),
                        shown,
                        request.noticeVersion(),
                        request.sourcePage(),
                        request.sourceCampaign(),
                        controller,
                        masked(request.subject(), decisions),
                        gpc,
                        decisions,
                        Set.of(),
                        noticeSha256,
                        Set.copyOf(separateConsents),
                        Set.of());
        ObjectNode json = ReceiptJson.write(receipt);
        json.put("receiptToken", token);
        byte[] response = bytes(json);

        if (idempotencyKey == null) {
            return answered(
                    receiptId, json, response, store.writeCapture(items, null, keyItem, now));
        }
        String digest = subjectKeys.digest("idempotency-key", idempotencyKey);
        String fingerprint = subjectKeys.digest("capture-request", canonical(request, gpc));
        IdempotencyMarker marker =
                new IdempotencyMarker(
                        digest,
                        fingerprint,
                        receiptId,
                        // the answer shows masked fields and the token: shredded with the receipt
                        receiptKeys.seal(
                                receiptKey,
                                CompactBytes.compress(response),
                                IdempotencyMarker.binding(table, digest)),
                        now.plus(IDEMPOTENCY_WINDOW).getEpochSecond(),
                        withPending);
        try {
            return answered(
                    receiptId,
                    json,
                    response,
                    store.writeCapture(items, marker.toItem(), keyItem, now));
        } catch (IdempotencyKeyUsedException used) {
            return replay(digest, fingerprint, now);
        }
    }

    /**
     * A held write is answered with the same receipt marked {@code "held": true}: the page tells
     * the person it is being recorded (the idempotency marker keeps the plain answer for replays,
     * which can only happen once the write is in).
     */
    private static CaptureResult answered(
            String receiptId, ObjectNode json, byte[] response, CaptureOutcome outcome) {
        if (outcome == CaptureOutcome.WRITTEN) {
            return new CaptureResult(receiptId, response, false);
        }
        return new CaptureResult(receiptId, bytes(json.put("held", true)), false, true);
    }

    private CaptureResult replay(String digest, String fingerprint, Instant now) {
        Optional<IdempotencyMarker> earlier =
                store.find(IdempotencyMarker.pk(digest), ConsentTable.MARKER_SK)
                        .map(IdempotencyMarker::of)
                        .filter(m -> m.liveAt(now));
        if (earlier.isEmpty()) {
            // the earlier marker expired between our write and this read: the caller may simply
            // retry
            throw new IdempotencyConflictException();
        }
        IdempotencyMarker marker = earlier.get();
        if (!MessageDigest.isEqual(
                fingerprint.getBytes(StandardCharsets.US_ASCII),
                marker.fingerprint().getBytes(StandardCharsets.US_ASCII))) {
            throw new IdempotencyConflictException();
        }
        Optional<ReceiptKey> key =
                ReceiptKeys.needsReceiptKey(marker.sealed())
                        ? store.receiptKey(marker.receiptId())
                                .map(k -> receiptKeys.unwrap(marker.receiptId(), k.wrappedKey()))
                        : Optional.empty();
        if (ReceiptKeys.needsReceiptKey(marker.sealed()) && key.isEmpty()) {
            throw new IdempotencyConflictException(
                    "This Idempotency-Key's receipt no longer holds personal data (withdrawn or"
                            + " erased), so its answer cannot be given again. Use a new key for a"
                            + " new request.");
        }
        byte[] response =
                CompactBytes.decompress(
                        receiptKeys.open(
                                marker.sealed(),
                                IdempotencyMarker.binding(table, digest),
                                () -> key));
        return new CaptureResult(marker.receiptId(), response, true);
    }

    /**
     * What the person was shown that the receipt item keeps: the notice's hash, the separate
     * consents.
     */
    private record Shown(String noticeSha256, List<String> separateConsents) {}

    private static ReceiptItem receiptItem(
            String receiptId,
            ConsentRequest request,
            String locale,
            Shown shown,
            List<ConsentDecision> decisions,
            String token,
            boolean gpc,
            Instant now,
            SubjectKeyPair keys) {
        return new ReceiptItem(
                receiptId,
                sha256(token),
                now,
                request.jurisdiction(),
                locale,
                request.noticeVersion(),
                request.sourcePage(),
                request.sourceCampaign(),
                gpc,
                decisions.stream().map(ConsentDecision::purposeId).toList(),
                null,
                decisions.stream()
                        .map(ConsentDecision::expiresAt)
                        .max(Instant::compareTo)
                        .orElseThrow()
                        .getEpochSecond(),
                keys,
                Set.of(),
                shown.noticeSha256(),
                shown.separateConsents());
    }

    private DecisionItem decisionItem(
            String receiptId,
            ConsentDecision d,
            Subject subject,
            Instant now,
            SubjectKeyPair keys,
            ReceiptKey receiptKey) {
        byte[] sealed = null;
        if (d.keepsFields() && !d.piiCategories().isEmpty()) {
            // only the fields this purpose needs, sealed to this very item under the receipt's
            // own key, so deleting that key shreds every copy
            ObjectNode fields = Json.object();
            for (PersonalField field : PersonalField.values()) {
                if (d.piiCategories().contains(field)) {
                    fields.put(field.jsonName(), subject.get(field).orElseThrow());
                }
            }
            sealed =
                    receiptKeys.seal(
                            receiptKey,
                            bytes(fields),
                            DecisionItem.binding(table, receiptId, d.purposeId()));
        }
        return new DecisionItem(
                receiptId,
                d.purposeId(),
                d.status(),
                d.reason(),
                d.description(),
                d.category(),
                d.piiCategories().stream().map(PersonalField::jsonName).sorted().toList(),
                d.thirdParties(),
                d.saleOrSharing(),
                d.retention(),
                now,
                null,
                d.expiresAt().getEpochSecond(),
                keys,
                sealed,
                d.confirmBy() == null ? null : d.confirmBy().jsonName(),
                null);
    }

    /**
     * For each way a pending purpose is confirmed (email, SMS): the confirmation item (the hash of
     * a one-time link token, or the keyed hash of a 6-digit code) and the message that carries it,
     * both in the capture's own write. The secret itself is only ever in the sealed message.
     */
    private List<StoredItem> confirmations(
            String receiptId,
            ConsentRequest request,
            List<ConsentDecision> decisions,
            SubjectKeyPair keys,
            Instant now,
            String requestBaseUrl) {
        List<StoredItem> items = new ArrayList<>();
        for (Confirmation channel : List.of(Confirmation.EMAIL, Confirmation.SMS)) {
            List<String> purposes =
                    decisions.stream()
                            .filter(d -> d.confirmBy() == channel)
                            .map(ConsentDecision::purposeId)
                            .toList();
            if (purposes.isEmpty()) {
                continue;
            }
            long expiresAt = now.plus(optIn.window()).getEpochSecond();
            String to = request.subject().get(channel.identifier()).orElseThrow();
            Map<String, String> params = new java.util.LinkedHashMap<>();
            params.put(OutboundMessage.RECEIPT_ID, receiptId);
            params.put(
                    OutboundMessage.EXPIRES_IN_MINUTES, Long.toString(optIn.window().toMinutes()));
            String hash;
            OutboundMessage message;
            if (channel == Confirmation.EMAIL) {
                String linkToken = randomToken();
                hash = sha256(linkToken);
                params.put(
                        OutboundMessage.LINK,
                        linkBase(requestBaseUrl) + DoubleOptIn.linkPath(receiptId, linkToken));
                message =
                        new OutboundMessage(
                                Channel.EMAIL,
                                to,
                                request.locale(),
                                MessageKind.CONFIRM_EMAIL,
                                params);
            } else {
                String code =
                        String.format(java.util.Locale.ROOT, "%06d", random.nextInt(1_000_000));
                hash = codeHash(subjectKeys, receiptId, code);
                params.put(OutboundMessage.CODE, code);
                message =
                        new OutboundMessage(
                                Channel.SMS, to, request.locale(), MessageKind.CONFIRM_SMS, params);
            }
            items.add(
                    new ConfirmationItem(receiptId, channel, hash, purposes, 0, expiresAt, keys)
                            .toItem());
            items.add(optIn.outbox().item(message, now));
        }
        return items;
    }

    private String linkBase(String requestBaseUrl) {
        String base = optIn.publicBaseUrl() != null ? optIn.publicBaseUrl() : requestBaseUrl;
        if (base == null) {
            throw new IllegalStateException(
                    "no base URL for confirmation links: set PUBLIC_BASE_URL or pass the request's");
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * A 6-digit code has a million values, so a plain hash of it would fall to a table dump in
     * seconds: it is keyed with the index key (which never leaves the functions) and bound to its
     * receipt.
     */
    static String codeHash(SubjectKeys keys, String receiptId, String code) {
        return keys.digest("confirmation-code", receiptId + ":" + code);
    }

    /**
     * Subject keys for the identifiers actually kept, i.e. needed by a purpose that ended up
     * GRANTED (an email given only for a purpose that Global Privacy Control refused leaves no
     * trace). Every item of the capture carries them — receipt, decisions, idempotency marker — so
     * an erasure finds all of a person's items with one index query per identifier, and each copy
     * goes with its item's TTL.
     */
    private SubjectKeyPair keptSubjectKeys(
            Subject subject, List<ConsentDecision> decisions, boolean withPending) {
        return new SubjectKeyPair(
                kept(PersonalField.EMAIL, decisions, withPending)
                        ? subject.get(PersonalField.EMAIL)
                                .map(e -> subjectKeys.subjectKey(PersonalField.EMAIL, e))
                                .orElse(null)
                        : null,
                kept(PersonalField.PHONE, decisions, withPending)
                        ? subject.get(PersonalField.PHONE)
                                .map(p -> subjectKeys.subjectKey(PersonalField.PHONE, p))
                                .orElse(null)
                        : null);
    }

    private static boolean kept(
            PersonalField field, List<ConsentDecision> decisions, boolean withPending) {
        return decisions.stream()
                .anyMatch(
                        d ->
                                (d.status() == ConsentStatus.GRANTED
                                                || (withPending && d.keepsFields()))
                                        && d.piiCategories().contains(field));
    }

    /**
     * Masked forms of the fields actually kept (a field kept for no granted purpose is not shown).
     */
    private static Map<PersonalField, String> masked(
            Subject subject, List<ConsentDecision> decisions) {
        Map<PersonalField, String> masked = new EnumMap<>(PersonalField.class);
        for (ConsentDecision d : decisions) {
            if (!d.keepsFields()) {
                continue;
            }
            for (PersonalField field : d.piiCategories()) {
                subject.get(field).ifPresent(v -> masked.put(field, Identifiers.mask(field, v)));
            }
        }
        return masked;
    }

    /**
     * A stable text of the request's meaning: same request with other spacing or key order, same
     * text.
     */
    private static String canonical(ConsentRequest request, boolean gpc) {
        ObjectNode node = Json.object();
        ObjectNode subject = node.putObject("subject");
        new TreeMap<>(request.subject().values()).forEach((k, v) -> subject.put(k.jsonName(), v));
        ObjectNode purposes = node.putObject("purposes");
        new TreeMap<>(request.purposes()).forEach(purposes::put);
        node.put("noticeVersion", request.noticeVersion());
        node.put("page", request.sourcePage());
        node.put("campaign", request.sourceCampaign());
        node.put("jurisdiction", request.jurisdiction());
        node.put("locale", request.locale());
        if (request.ageConfirmed() != null) {
            node.put("ageConfirmed", request.ageConfirmed());
        }
        if (!request.separateConsents().isEmpty()) {
            ObjectNode separate = node.putObject("separateConsents");
            new TreeMap<>(request.separateConsents()).forEach(separate::put);
        }
        node.put("gpc", gpc);
        return Json.text(node);
    }

    /**
     * A version-4 UUID from this capture's own random source (not {@link UUID#randomUUID()}'s
     * static one), so a restore gives it fresh randomness too.
     */
    private String randomUuid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong()).toString();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Receipt tokens are 256 random bits, so a plain SHA-256 is a safe verifier to store. */
    public static String sha256(String token) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        return Json.bytes(node);
    }
}
