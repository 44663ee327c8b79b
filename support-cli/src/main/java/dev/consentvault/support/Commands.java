package dev.consentvault.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.ConsentCapture;
import dev.consentvault.core.consent.NoticeCensus;
import dev.consentvault.core.crypto.SubjectKeys;
import dev.consentvault.core.privacy.ComplaintCommand;
import dev.consentvault.core.privacy.Contact;
import dev.consentvault.core.privacy.DeletionCommand;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.Filed;
import dev.consentvault.core.privacy.Filing;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.PrivacyRequestStore;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.core.privacy.RequestDetails;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.privacy.RequestSubject;
import dev.consentvault.core.privacy.RequestType;
import dev.consentvault.core.propagation.PropagationItem;
import dev.consentvault.core.purpose.PersonalField;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.ReceiptItem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The commands' work against the stack, given values {@link Cli} has checked. Every command that
 * changes a request refuses one that is COMPLETED or CLOSED the same way ({@link
 * AlreadyFinalException}, exit 4).
 */
final class Commands {

    /** A checked command, ready to run against the stack; returns the exit code. */
    interface Task {
        int run(StackServices services, Output out);
    }

    /** Later than any due date: "every notice still owed". */
    private static final Instant ALL_DUE_DATES = Instant.parse("9999-12-31T23:59:59.999Z");

    private Commands() {}

    static Task requestDeletion(
            Checks.Subject subject, String jurisdiction, String ticket, String requestedBy) {
        return (services, out) -> {
            String emailKey = null;
            String phoneKey = null;
            String filedJurisdiction = jurisdiction;
            if (subject.receiptId() != null) {
                ReceiptItem receipt = liveReceipt(services, subject.receiptId());
                emailKey = receipt.subjectKeys().emailKey();
                phoneKey = receipt.subjectKeys().phoneKey();
                filedJurisdiction = jurisdiction != null ? jurisdiction : receipt.jurisdiction();
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
                                    new DeletionCommand(
                                            UUID.randomUUID().toString(),
                                            new RequestSubject(
                                                    subject.receiptId(), emailKey, phoneKey),
                                            new Filing(filedJurisdiction, requestedBy, ticket),
                                            null),
                                    // staff verified the person controls it: they hear back there
                                    subject.receiptId() == null
                                            ? new Contact(subject.identifier(), null)
                                            : null);
            out.say("Deletion request filed; the dispatcher queues it.");
            out.print(RequestView.filed(filed));
            return 0;
        };
    }

    static Task fileComplaint(
            String receiptId,
            String message,
            String contact,
            String jurisdiction,
            String ticket,
            String requestedBy) {
        return (services, out) -> {
            String emailKey = null;
            String phoneKey = null;
            String filedJurisdiction = jurisdiction;
            if (receiptId != null) {
                ReceiptItem receipt = liveReceipt(services, receiptId);
                emailKey = receipt.subjectKeys().emailKey();
                phoneKey = receipt.subjectKeys().phoneKey();
                filedJurisdiction = jurisdiction != null ? jurisdiction : receipt.jurisdiction();
            }
            Filed filed =
                    services.privacyRequests()
                            .fileComplaint(
                                    new ComplaintCommand(
                                            new RequestSubject(receiptId, emailKey, phoneKey),
                                            new Filing(filedJurisdiction, requestedBy, ticket),
                                            message,
                                            contact));
            out.say("Complaint filed; the dispatcher queues it.");
            out.print(RequestView.filed(filed));
            return 0;
        };
    }

    static Task show(String requestId) {
        return (services, out) -> {
            PrivacyRequest request = find(services.requests(), requestId);
            List<String> awaiting = services.propagations().awaitingProcessors(requestId);
            out.print(
                    RequestView.fields(request, services.clock().instant())
                            .add(
                                    "awaitingProcessors",
                                    "Waiting for",
                                    awaiting.isEmpty() ? null : String.join(", ", awaiting)));
            return 0;
        };
    }

    /**
     * Screens an import or a processor sync file (one email or phone per line) against the
     * suppression list; prints only line numbers, never the identifiers. Exit 1 when any is listed.
     */
    static Task checkSuppression(List<String> lines) {
        return (services, out) -> {
            List<Integer> listed = services.suppression().screen(lines);
            List<Integer> lineNumbers = listed.stream().map(i -> i + 1).toList();
            if (out.json()) {
                out.print(
                        Output.JSON
                                .createObjectNode()
                                .put("checked", lines.size())
                                .set("suppressedLines", Output.JSON.valueToTree(lineNumbers)));
            } else if (lineNumbers.isEmpty()) {
                out.say("None of the " + lines.size() + " lines is on the suppression list.");
            } else {
                out.say(
                        lineNumbers.size()
                                + " of "
                                + lines.size()
                                + " lines are on the suppression list (erased people who must not"
                                + " be contacted or synced again): lines "
                                + lineNumbers.stream()
                                        .map(String::valueOf)
                                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            return lineNumbers.isEmpty() ? 0 : 1;
        };
    }

    /**
     * Shows the request with what the person wrote. The reveal is recorded before the details are
     * opened: if recording fails, nothing is shown.
     */
    static Task reveal(String requestId, String revealedBy) {
        return (services, out) -> {
            PrivacyRequestStore store = services.requests();
            PrivacyRequest request = notFinal(find(store, requestId));
            Instant now = services.clock().instant();
            if (!store.recordReveal(requestId, revealedBy, now)) {
                notFinal(find(store, requestId));
                throw new RefusedException(
                        "request " + requestId + " holds no contact or message to reveal");
            }
            byte[] sealed =
                    store.sealedDetails(requestId)
                            .orElseThrow(
                                    () ->
                                            new RefusedException(
                                                    "request "
                                                            + requestId
                                                            + " changed meanwhile; see its status"));
            RequestDetails details =
                    RequestDetails.open(
                            services.requestsEnvelope(),
                            services.names().requestsTable(),
                            requestId,
                            sealed);
            out.print(
                    RequestView.fields(request, now)
                            .add("contact", "Contact", details.contact())
                            .add("message", "Message", details.message())
                            .add("revealedBy", "Revealed by", revealedBy)
                            .add("revealedAt", "Revealed at", now));
            return 0;
        };
    }

    /**
     * The open requests past a deadline, then the processor notices (erasures' and withdrawals')
     * not acknowledged by their due date; with {@code all}, every open request and every notice
     * still owed. With --json one array: the requests, then the notices ({@code "record":
     * "processor-notice"}).
     */
    static Task listOverdue(boolean all) {
        return (services, out) -> {
            Instant now = services.clock().instant();
            List<PrivacyRequest> shown =
                    services.requests().open().stream().filter(r -> all || r.overdue(now)).toList();
            List<PropagationItem> notices =
                    services.propagations().unacknowledgedDueBy(all ? ALL_DUE_DATES : now).stream()
                            .filter(n -> all || n.overdue(now))
                            .toList();
            if (out.json()) {
                ArrayNode array = Output.JSON.createArrayNode();
                shown.forEach(r -> array.add(RequestView.fields(r, now).toJson()));
                notices.forEach(n -> array.add(NoticeView.fields(n, now).toJson()));
                out.print(array);
                return 0;
            }
            if (shown.isEmpty()) {
                out.say(all ? "No open requests." : "No overdue requests.");
            } else {
                Table table = new Table(RequestView.TABLE_HEADERS);
                shown.forEach(r -> table.row(RequestView.row(r, now)));
                out.table(table);
            }
            out.say("");
            if (notices.isEmpty()) {
                out.say(
                        all
                                ? "No processor notices awaiting acknowledgement."
                                : "No processor notices past due.");
            } else {
                out.say(
                        all
                                ? "Processor notices awaiting acknowledgement:"
                                : "Processor notices past due (not acknowledged):");
                Table table = new Table(NoticeView.TABLE_HEADERS);
                notices.forEach(n -> table.row(NoticeView.row(n, now)));
                out.table(table);
            }
            return 0;
        };
    }

    static Task extend(String requestId, String reason) {
        return (services, out) -> {
            PrivacyRequestStore store = services.requests();
            PrivacyRequest request = notFinal(find(store, requestId));
            if (request.extended()) {
                throw new RefusedException(
                        "request "
                                + requestId
                                + " was extended already (due "
                                + Output.text(request.dueAt())
                                + "); a deadline is extended only once");
            }
            Instant dueAt =
                    services.deadlines()
                            .extendedDueAt(request.regime(), request.receivedAt())
                            .orElseThrow(
                                    () ->
                                            new RefusedException(
                                                    "the "
                                                            + request.regime()
                                                            + " rules allow no extension of request "
                                                            + requestId));
            Instant now = services.clock().instant();
            Contact answerTo = services.contactOf(requestId);
            if (!store.extend(
                    requestId,
                    dueAt,
                    reason,
                    answerTo == null
                            ? List.of()
                            : services.notices().extended(answerTo, requestId, dueAt, now))) {
                throw changedMeanwhile(store, requestId);
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

    static Task verify(String requestId, String verifiedBy) {
        return (services, out) -> {
            PrivacyRequest request = notFinal(find(services.requests(), requestId));
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

    /**
     * Prints what a burst of N sign-ups per second needs; with {@code apply}, pre-warms the tables
     * and indexes now (it takes minutes, and must be done before the launch, not during it).
     */
    static Task capacity(CapacityPlan plan, boolean apply) {
        return (services, out) -> {
            StackNames names = services.names();
            out.print(
                    new Output.Fields()
                            .add("perSecond", "Sign-ups per second", plan.perSecond())
                            .add(
                                    "consentTableWarmWrites",
                                    "Consent table warm writes/s",
                                    plan.tableWrites())
                            .add(
                                    "emailIndexWarmWrites",
                                    "  byEmailKey index",
                                    plan.emailIndexWrites())
                            .add(
                                    "phoneIndexWarmWrites",
                                    "  byPhoneKey index",
                                    plan.phoneIndexWrites())
                            .add(
                                    "keysTableWarmWrites",
                                    "Receipt keys table warm writes/s",
                                    plan.keysTableWrites())
                            .add(
                                    "captureConcurrency",
                                    "Capture Lambda concurrency",
                                    plan.lambdaConcurrency())
                            .add("captureRateLimit", "CaptureRateLimit", plan.rateLimit())
                            .add("captureBurstLimit", "CaptureBurstLimit", plan.burstLimit()));
            out.say("");
            out.say(
                    "Deploy with: sam deploy --parameter-overrides"
                            + " ConsentTableWarmWrites="
                            + plan.tableWrites()
                            + " CaptureRateLimit="
                            + plan.rateLimit()
                            + " CaptureBurstLimit="
                            + plan.burstLimit());
            if (plan.needsAccountConcurrency()) {
                out.say(
                        "Lambda: "
                                + plan.lambdaConcurrency()
                                + " concurrent captures is near or over the default account limit"
                                + " (1,000 per region): ask Service Quotas for more before the"
                                + " launch.");
            }
            if (!apply) {
                out.say(
                        "Nothing changed. --apply pre-warms the tables and indexes now (minutes;"
                                + " a one-off charge; warm throughput cannot be lowered again).");
                return 0;
            }
            services.warm(
                    names.consentTable(),
                    plan.tableWrites(),
                    java.util.Map.of(
                            "byEmailKey", plan.emailIndexWrites(),
                            "byPhoneKey", plan.phoneIndexWrites()));
            services.warm(names.keysTable(), plan.keysTableWrites(), java.util.Map.of());
            out.say(
                    "Pre-warming requested for "
                            + names.consentTable()
                            + " (and its indexes) and "
                            + names.keysTable()
                            + "; pass ConsentTableWarmWrites on the next deploy as above so the"
                            + " stack agrees.");
            return 0;
        };
    }

    static Task acknowledge(String requestId) {
        return (services, out) -> {
            PrivacyRequestStore store = services.requests();
            PrivacyRequest request = notFinal(find(store, requestId));
            if (request.acknowledgedAt() != null) {
                // the first acknowledgement is the one the deadline was met (or missed) with: keep
                // it
                out.say("Already acknowledged.");
            } else if (!store.acknowledge(
                    requestId,
                    services.clock().instant(),
                    request.type() != RequestType.COMPLAINT || services.contactOf(requestId) == null
                            ? List.of()
                            : services.notices()
                                    .acknowledged(
                                            services.contactOf(requestId),
                                            requestId,
                                            request.dueAt(),
                                            services.clock().instant()))) {
                throw changedMeanwhile(store, requestId);
            }
            out.print(RequestView.fields(find(store, requestId), services.clock().instant()));
            return 0;
        };
    }

    static Task close(String requestId) {
        return (services, out) -> {
            PrivacyRequestStore store = services.requests();
            PrivacyRequest request = notFinal(find(store, requestId));
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
            // read before closing: closing deletes the details, contact included
            Contact answerTo = services.contactOf(requestId);
            if (!store.close(
                    requestId,
                    now,
                    services.proofRetention().expiryFor(now).getEpochSecond(),
                    answerTo == null
                            ? List.of()
                            : services.notices().closed(answerTo, requestId, now))) {
                throw changedMeanwhile(store, requestId);
            }
            out.say("Complaint closed; its details are deleted and a proof is kept.");
            out.print(RequestView.fields(find(store, requestId), now));
            return 0;
        };
    }

    /**
     * Each notice version of the stack's catalogue with how many live receipts were captured on it
     * and how many of them need re-consent; versions receipts name that the catalogue no longer
     * lists are shown too.
     */
    static Task noticeList() {
        return (services, out) -> {
            Instant now = services.clock().instant();
            List<NoticeCensus.Row> rows =
                    NoticeCensus.count(
                            services.purposes().notices(),
                            services.consents().scanReceipts(NoticeCensus.ATTRIBUTES),
                            now);
            if (out.json()) {
                ArrayNode list = Output.JSON.createArrayNode();
                for (NoticeCensus.Row row : rows) {
                    ObjectNode n = list.addObject();
                    n.put("version", row.version());
                    n.put("listed", row.notice().isPresent());
                    row.notice()
                            .ifPresent(
                                    notice -> {
                                        n.put("effective", notice.effective().toString());
                                        n.put("material", notice.material());
                                        ArrayNode affects = n.putArray("affects");
                                        notice.affects().stream().sorted().forEach(affects::add);
                                    });
                    n.put("current", row.current());
                    n.put("liveReceipts", row.liveReceipts());
                    n.put("reconsentRequired", row.reconsentRequired());
                }
                out.print(list);
                return 0;
            }
            Table table =
                    new Table(
                            List.of(
                                    "VERSION",
                                    "EFFECTIVE",
                                    "MATERIAL",
                                    "LIVE RECEIPTS",
                                    "NEED RE-CONSENT"));
            for (NoticeCensus.Row row : rows) {
                table.row(
                        List.of(
                                row.version() + (row.current() ? " (current)" : ""),
                                row.notice()
                                        .map(n -> n.effective().toString())
                                        .orElse("not listed"),
                                row.notice()
                                        .map(
                                                n ->
                                                        !n.material()
                                                                ? "no"
                                                                : n.affects().isEmpty()
                                                                        ? "yes: every purpose"
                                                                        : "yes: "
                                                                                + String.join(
                                                                                        ", ",
                                                                                        n
                                                                                                .affects()
                                                                                                .stream()
                                                                                                .sorted()
                                                                                                .toList()))
                                        .orElse("-"),
                                Integer.toString(row.liveReceipts()),
                                Integer.toString(row.reconsentRequired())));
            }
            out.table(table);
            return 0;
        };
    }

    static Task export(
            Checks.Subject subject, String jurisdiction, String ticket, String requestedBy) {
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
                                    services.receiptKeys(),
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
                                    new Filing(answeredJurisdiction, requestedBy, ticket),
                                    services.proofRetention());
            export.putObject("accessRequest")
                    .put("requestId", recorded.requestId())
                    .put("answeredAt", Output.text(services.clock().instant()));
            out.print(export);
            return 0;
        };
    }

    private static PrivacyRequest find(PrivacyRequestStore store, String requestId) {
        return store.find(requestId)
                .orElseThrow(() -> new RefusedException("no request " + requestId));
    }

    /** The same refusal, and exit code, for every command repeated on a finished request. */
    private static PrivacyRequest notFinal(PrivacyRequest request) {
        if (!request.status().open()) {
            throw new AlreadyFinalException(request);
        }
        return request;
    }

    /** A conditional write lost a race: finished meanwhile (exit 4), or changed otherwise. */
    private static RefusedException changedMeanwhile(PrivacyRequestStore store, String requestId) {
        notFinal(find(store, requestId));
        return new RefusedException("request " + requestId + " changed meanwhile; see its status");
    }

    /** A live receipt item; refused when the receipt does not exist or has expired. */
    private static ReceiptItem liveReceipt(StackServices services, String receiptId) {
        return services.consents()
                .find(ConsentTable.receiptPk(receiptId), ConsentTable.RECEIPT_SK)
                .filter(item -> !item.expiredAt(services.clock().instant()))
                .map(ReceiptItem::of)
                .orElseThrow(
                        () ->
                                new RefusedException(
                                        "no receipt " + receiptId + " (unknown, or expired)"));
    }
}
