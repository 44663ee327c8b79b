package dev.consentvault.support;

import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.Identifiers;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.Filed;
import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.PrivacyRequestStore;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.privacy.RequestType;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.StoredItem;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The commands. {@link #prepare} checks a command line completely — required options, formats —
 * before anything talks to AWS, and returns the work to do; a usage error never costs a network
 * call.
 */
final class Commands {

    /** A checked command, ready to run against the stack; returns the exit code. */
    interface Task {
        int run(StackServices services, Output out);
    }

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final int MAX_MESSAGE = 4000;
    private static final int MAX_TEXT = 500;

    /** Who the deletion or export is about: a normalised identifier, or a receipt id. */
    private record Subject(PersonalField field, String identifier, String receiptId) {}

    private Commands() {}

    static Task prepare(Invocation invocation, Map<String, String> env) throws UsageException {
        return switch (invocation.command()) {
            case REQUEST_DELETION -> requestDeletion(invocation, env);
            case FILE_COMPLAINT -> fileComplaint(invocation, env);
            case STATUS -> status(requestId(invocation));
            case LIST_OVERDUE -> listOverdue(invocation.has("--all"));
            case EXTEND ->
                    extend(requestId(invocation), text(invocation, "--reason", MAX_TEXT, true));
            case VERIFY -> verify(invocation, env);
            case ACKNOWLEDGE -> acknowledge(requestId(invocation));
            case CLOSE -> close(requestId(invocation));
            case EXPORT -> export(invocation, env);
            case HELP -> throw new IllegalStateException("help is answered without a stack");
        };
    }

    private static Task requestDeletion(Invocation invocation, Map<String, String> env)
            throws UsageException {
        Subject subject = subject(invocation);
        String jurisdiction = jurisdiction(invocation, subject.receiptId() == null);
        String ticket = text(invocation, "--ticket", MAX_TEXT, false);
        String requestedBy = requestedBy(invocation, env);
        return (services, out) -> {
            String emailKey = null;
            String phoneKey = null;
            String filedJurisdiction = jurisdiction;
            if (subject.receiptId() != null) {
                StoredItem receipt = liveReceipt(services, subject.receiptId());
                emailKey = receipt.string(ConsentTable.EMAIL_KEY);
                phoneKey = receipt.string(ConsentTable.PHONE_KEY);
                filedJurisdiction =
                        jurisdiction != null ? jurisdiction : receipt.string("jurisdiction");
            } else if (subject.field() == PersonalField.EMAIL) {
                emailKey =
                        services.subjectKeys()
                                .subjectKey(PersonalField.EMAIL, subject.identifier());
            } else {
                phoneKey =
                        services.subjectKeys()
                                .subjectKey(PersonalField.PHONE, subject.identifier());
            }
            Filed filed =
                    services.privacyRequests()
                            .fileDeletion(
                                    UUID.randomUUID().toString(),
                                    subject.receiptId(),
                                    emailKey,
                                    phoneKey,
                                    filedJurisdiction,
                                    requestedBy,
                                    ticket,
                                    null);
            out.say("Deletion request filed; the dispatcher queues it.");
            out.print(RequestView.filed(filed));
            return 0;
        };
    }

    private static Task fileComplaint(Invocation invocation, Map<String, String> env)
            throws UsageException {
        String message = text(invocation, "--message", MAX_MESSAGE, true);
        String contact = contact(invocation);
        String receiptId =
                invocation.has("--receipt")
                        ? receiptId(invocation, invocation.value("--receipt"))
                        : null;
        if (receiptId != null && !invocation.has("--identity-verified")) {
            throw usage(
                    invocation,
                    "a complaint naming a receipt is treated as its holder's (an erasure complaint"
                            + " deletes at once): verify the person holds it, then add --identity-verified");
        }
        String jurisdiction = jurisdiction(invocation, receiptId == null);
        String ticket = text(invocation, "--ticket", MAX_TEXT, false);
        if (contact == null && ticket == null) {
            throw usage(
                    invocation, "a complaint needs a way to answer it: give --contact or --ticket");
        }
        String requestedBy = requestedBy(invocation, env);
        return (services, out) -> {
            String emailKey = null;
            String phoneKey = null;
            String filedJurisdiction = jurisdiction;
            if (receiptId != null) {
                StoredItem receipt = liveReceipt(services, receiptId);
                emailKey = receipt.string(ConsentTable.EMAIL_KEY);
                phoneKey = receipt.string(ConsentTable.PHONE_KEY);
                filedJurisdiction =
                        jurisdiction != null ? jurisdiction : receipt.string("jurisdiction");
            }
            Filed filed =
                    services.privacyRequests()
                            .fileComplaint(
                                    receiptId,
                                    emailKey,
                                    phoneKey,
                                    message,
                                    contact,
                                    filedJurisdiction,
                                    requestedBy,
                                    ticket);
            out.say("Complaint filed; the dispatcher queues it.");
            out.print(RequestView.filed(filed));
            return 0;
        };
    }

    private static Task status(String requestId) {
        return (services, out) -> {
            PrivacyRequest request = find(services.requests(), requestId);
            out.print(RequestView.fields(request, services.clock().instant()));
            return 0;
        };
    }

    private static Task listOverdue(boolean all) {
        return (services, out) -> {
            Instant now = services.clock().instant();
            List<PrivacyRequest> shown =
                    services.requests().open().stream().filter(r -> all || r.overdue(now)).toList();
            if (out.json()) {
                out.print(
                        Output.JSON.valueToTree(
                                shown.stream()
                                        .map(r -> RequestView.fields(r, now).toJson())
                                        .toList()));
            } else if (shown.isEmpty()) {
                out.say(all ? "No open requests." : "No overdue requests.");
            } else {
                Table table = new Table(RequestView.TABLE_HEADERS);
                shown.forEach(r -> table.row(RequestView.row(r, now)));
                out.table(table);
            }
            return 0;
        };
    }

    private static Task extend(String requestId, String reason) {
        return (services, out) -> {
            PrivacyRequestStore store = services.requests();
            PrivacyRequest request = open(find(store, requestId), "extended");
            if (request.extended()) {
                throw new RefusedException(
                        "request "
                                + requestId
                                + " was extended already (due "
                                + Output.text(request.dueAt())
                                + "); a deadline is extended only once");
            }
            Instant dueAt =
                    services.deadlines().extendedDueAt(request.regime(), request.receivedAt());
            if (!store.extend(requestId, dueAt, reason)) {
                throw new RefusedException(
                        "request " + requestId + " changed meanwhile; see its status");
            }
            // both laws require the person to be told of the extension, and why, within the
            // original period
            out.say(
                    services.clock().instant().isAfter(request.dueAt())
                            ? "Deadline extended, but the original one had passed: tell the person at once, with the reason."
                            : "Deadline extended; tell the person, with the reason, before "
                                    + Output.text(request.dueAt())
                                    + ".");
            out.print(
                    new Output.Fields()
                            .add("requestId", "Request", requestId)
                            .add("previousDueAt", "Was due", request.dueAt())
                            .add("dueAt", "Due", dueAt)
                            .add("extensionReason", "Reason", reason));
            return 0;
        };
    }

    private static Task verify(Invocation invocation, Map<String, String> env)
            throws UsageException {
        String requestId = requestId(invocation);
        if (!invocation.has("--identity-verified")) {
            throw usage(
                    invocation,
                    "verify the requester's identity first, then confirm it with --identity-verified");
        }
        String verifiedBy = requestedBy(invocation, env);
        return (services, out) -> {
            PrivacyRequest request = find(services.requests(), requestId);
            if (request.type() != RequestType.DELETION
                    || request.status() != RequestStatus.AWAITING_VERIFICATION) {
                throw new RefusedException(
                        "request "
                                + requestId
                                + " is not a deletion awaiting verification ("
                                + request.status()
                                + ")");
            }
            if (request.emailKey() == null
                    && request.phoneKey() == null
                    && request.receiptId() == null) {
                throw new RefusedException(
                        "request " + requestId + " names no identifier we hold: nothing to erase");
            }
            services.privacyRequests().runVerifiedDeletion(request, verifiedBy);
            out.print(
                    RequestView.fields(
                            find(services.requests(), requestId), services.clock().instant()));
            return 0;
        };
    }

    private static Task acknowledge(String requestId) {
        return (services, out) -> {
            PrivacyRequestStore store = services.requests();
            PrivacyRequest request = open(find(store, requestId), "acknowledged");
            if (request.acknowledgedAt() != null) {
                // the first acknowledgement is the one the deadline was met (or missed) with: keep
                // it
                out.say("Already acknowledged.");
            } else if (!store.acknowledge(requestId, services.clock().instant())) {
                throw new RefusedException(
                        "request " + requestId + " changed meanwhile; see its status");
            }
            out.print(RequestView.fields(find(store, requestId), services.clock().instant()));
            return 0;
        };
    }

    private static Task close(String requestId) {
        return (services, out) -> {
            PrivacyRequestStore store = services.requests();
            PrivacyRequest request = open(find(store, requestId), "closed");
            if (request.type() != RequestType.COMPLAINT) {
                throw new RefusedException(
                        "request "
                                + requestId
                                + " is a deletion: the deletion processor completes it");
            }
            if (request.status() == RequestStatus.RECEIVED) {
                // closing it now would delete its details before the processor sorted it (and filed
                // any erasure)
                throw new RefusedException(
                        "complaint "
                                + requestId
                                + " is not processed yet (RECEIVED); close it once"
                                + " it is OPEN");
            }
            Instant now = services.clock().instant();
            if (!store.close(
                    requestId, now, services.proofRetention().expiryFor(now).getEpochSecond())) {
                throw new RefusedException(
                        "request " + requestId + " changed meanwhile; see its status");
            }
            out.say("Complaint closed; its details are deleted and a proof is kept.");
            out.print(RequestView.fields(find(store, requestId), now));
            return 0;
        };
    }

    private static Task export(Invocation invocation, Map<String, String> env)
            throws UsageException {
        Subject subject = subject(invocation);
        if (!invocation.has("--identity-verified")) {
            throw usage(
                    invocation,
                    "export prints the subject's personal data: verify the requester's identity"
                            + " first, then run it again with --identity-verified");
        }
        String jurisdiction = jurisdiction(invocation, false);
        String ticket = text(invocation, "--ticket", MAX_TEXT, false);
        String requestedBy = requestedBy(invocation, env);
        return (services, out) -> {
            QueueMessages.Deletion lookup;
            if (subject.receiptId() != null) {
                lookup = new QueueMessages.Deletion(null, subject.receiptId(), null, null);
            } else {
                SubjectKeys keys = services.subjectKeys();
                String key = keys.subjectKey(subject.field(), subject.identifier());
                lookup =
                        subject.field() == PersonalField.EMAIL
                                ? new QueueMessages.Deletion(null, null, key, null)
                                : new QueueMessages.Deletion(null, null, null, key);
            }
            Instant now = services.clock().instant();
            Erasure finder =
                    new Erasure(
                            services.consents(),
                            services.requests(),
                            services.clock(),
                            services.proofRetention());
            var export =
                    new SubjectExport(
                                    services.consents(),
                                    finder,
                                    services.consentEnvelope(),
                                    services.names().consentTable())
                            .export(lookup, now);
            if (export.path("receipts").isEmpty()) {
                throw new RefusedException("nothing is held about this subject (no live receipt)");
            }
            String lookedUp =
                    Stream.of(
                                    lookup.receiptId() == null
                                            ? null
                                            : "receiptId=" + lookup.receiptId(),
                                    lookup.emailKey() == null
                                            ? null
                                            : "emailKey=" + lookup.emailKey(),
                                    lookup.phoneKey() == null
                                            ? null
                                            : "phoneKey=" + lookup.phoneKey())
                            .filter(java.util.Objects::nonNull)
                            .collect(java.util.stream.Collectors.joining("|"));
            String answeredJurisdiction =
                    jurisdiction != null
                            ? jurisdiction
                            : export.path("receipts").get(0).path("jurisdiction").asText("EU");
            Filed recorded =
                    services.privacyRequests()
                            .recordAnsweredAccess(
                                    ConsentCapture.sha256(lookedUp),
                                    answeredJurisdiction,
                                    requestedBy,
                                    ticket,
                                    services.proofRetention());
            export.putObject("accessRequest")
                    .put("requestId", recorded.requestId())
                    .put("answeredAt", Output.text(services.clock().instant()));
            out.print(export);
            return 0;
        };
    }

    private static Subject subject(Invocation invocation) throws UsageException {
        List<String> given =
                Stream.of("--email", "--phone", "--receipt").filter(invocation::has).toList();
        if (given.size() != 1) {
            throw usage(
                    invocation,
                    given.isEmpty()
                            ? "name the subject with --email, --phone or --receipt"
                            : "name the subject with one of --email, --phone, --receipt, not "
                                    + String.join(" and ", given));
        }
        String value = invocation.value(given.get(0));
        return switch (given.get(0)) {
            case "--email" ->
                    new Subject(
                            PersonalField.EMAIL,
                            Identifiers.email(value)
                                    .orElseThrow(
                                            () ->
                                                    usage(
                                                            invocation,
                                                            "--email is not an email address")),
                            null);
            case "--phone" ->
                    new Subject(
                            PersonalField.PHONE,
                            Identifiers.phone(value)
                                    .orElseThrow(
                                            () ->
                                                    usage(
                                                            invocation,
                                                            "--phone is not an international phone number (+ and country code, e.g. +34600000000)")),
                            null);
            default -> new Subject(null, null, receiptId(invocation, value));
        };
    }

    /**
     * Kept as given (the complaint processor normalises it), but it must be something we can
     * answer.
     */
    private static String contact(Invocation invocation) throws UsageException {
        String contact = invocation.value("--contact");
        if (contact == null) {
            return null;
        }
        String stripped = contact.strip();
        if (Identifiers.email(stripped).isEmpty() && Identifiers.phone(stripped).isEmpty()) {
            throw usage(
                    invocation,
                    "--contact must be an email address or an international phone number");
        }
        return stripped;
    }

    private static String receiptId(Invocation invocation, String value) throws UsageException {
        String id = value.strip().toLowerCase(Locale.ROOT);
        if (!UUID_FORM.matcher(id).matches()) {
            throw usage(invocation, "--receipt must be a receipt id (a UUID such as 3f0c…-…)");
        }
        return id;
    }

    private static String requestId(Invocation invocation) throws UsageException {
        String id = invocation.positionals().get(0).strip().toLowerCase(Locale.ROOT);
        if (!UUID_FORM.matcher(id).matches()) {
            throw usage(
                    invocation,
                    "REQUEST_ID must be a request id (a UUID, as request-deletion printed it)");
        }
        return id;
    }

    /** The jurisdiction, upper-cased; null when absent and not required (a receipt gives it). */
    private static String jurisdiction(Invocation invocation, boolean required)
            throws UsageException {
        String value = invocation.value("--jurisdiction");
        if (value == null) {
            if (required) {
                throw usage(invocation, "--jurisdiction is required (EU, GB, US-CA ...)");
            }
            return null;
        }
        String jurisdiction = value.strip().toUpperCase(Locale.ROOT);
        if (!LegalRegime.JURISDICTION.matcher(jurisdiction).matches()) {
            throw usage(
                    invocation, "--jurisdiction must be an ISO 3166 code such as EU, GB or US-CA");
        }
        return jurisdiction;
    }

    private static String text(Invocation invocation, String option, int max, boolean required)
            throws UsageException {
        String value = invocation.value(option);
        if (value == null) {
            if (required) {
                throw usage(invocation, option + " is required");
            }
            return null;
        }
        if (value.isBlank()) {
            throw usage(invocation, option + " must not be empty");
        }
        String text = value.strip();
        if (text.length() > max) {
            throw usage(invocation, option + " is longer than " + max + " characters");
        }
        return text;
    }

    /** Staff filings name their author: --staff-id, else the login name. */
    private static String requestedBy(Invocation invocation, Map<String, String> env)
            throws UsageException {
        String staff = invocation.global("--staff-id");
        if (staff == null) {
            staff = env.get("USER");
        }
        if (staff == null || staff.isBlank()) {
            throw usage(invocation, "--staff-id is required: $USER is not set");
        }
        if (!STAFF_ID.matcher(staff).matches()) {
            throw usage(invocation, "--staff-id must be 1 to 64 letters, digits or . _ @ + -");
        }
        return "staff:" + staff;
    }

    private static PrivacyRequest find(PrivacyRequestStore store, String requestId) {
        return store.find(requestId)
                .orElseThrow(() -> new RefusedException("no request " + requestId));
    }

    private static PrivacyRequest open(PrivacyRequest request, String action) {
        if (!request.status().open()) {
            throw new RefusedException(
                    "request "
                            + request.requestId()
                            + " is "
                            + request.status()
                            + ": only open requests can be "
                            + action);
        }
        return request;
    }

    /** A live receipt item; refused when the receipt does not exist or has expired. */
    private static StoredItem liveReceipt(StackServices services, String receiptId) {
        long now = services.clock().instant().getEpochSecond();
        return services.consents()
                .find(ConsentTable.receiptPk(receiptId), ConsentTable.RECEIPT_SK)
                .filter(
                        item ->
                                item.number(ConsentTable.EXPIRES_AT) == null
                                        || item.number(ConsentTable.EXPIRES_AT) > now)
                .orElseThrow(
                        () ->
                                new RefusedException(
                                        "no receipt " + receiptId + " (unknown, or expired)"));
    }

    private static UsageException usage(Invocation invocation, String message) {
        return new UsageException(message, invocation.command());
    }
}
