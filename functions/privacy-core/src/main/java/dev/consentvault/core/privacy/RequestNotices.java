package dev.consentvault.core.privacy;

import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.OutboundMessage;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.store.StoredItem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The messages that tell a person what happened to their request, as outbox items to write with the
 * request's own change (in one transaction: see {@link PrivacyRequestStore}). Each carries the
 * request id and, where there is one, the date it is due by; nothing else, so no message can hold
 * anyone's data. No contact, no message.
 */
public final class RequestNotices {

    private final Outbox outbox;

    public RequestNotices(Outbox outbox) {
        this.outbox = outbox;
    }

    /** After a SnapStart restore. */
    public void afterRestore() {
        outbox.afterRestore();
    }

    /** A request was filed: its id and when it is due. */
    public List<StoredItem> filed(Contact to, PrivacyRequest request, Instant now) {
        return message(to, MessageKind.REQUEST_FILED, request.requestId(), request.dueAt(), now);
    }

    /** A deletion was carried out. */
    public List<StoredItem> completed(Contact to, String requestId, Instant now) {
        return message(to, MessageKind.REQUEST_COMPLETED, requestId, null, now);
    }

    /** A request's deadline was extended to {@code dueAt}. */
    public List<StoredItem> extended(Contact to, String requestId, Instant dueAt, Instant now) {
        return message(to, MessageKind.REQUEST_EXTENDED, requestId, dueAt, now);
    }

    /** A complaint was acknowledged; it is to be answered by {@code dueAt}. */
    public List<StoredItem> acknowledged(Contact to, String requestId, Instant dueAt, Instant now) {
        return message(to, MessageKind.COMPLAINT_ACKNOWLEDGED, requestId, dueAt, now);
    }

    /** A complaint was closed. */
    public List<StoredItem> closed(Contact to, String requestId, Instant now) {
        return message(to, MessageKind.COMPLAINT_CLOSED, requestId, null, now);
    }

    private List<StoredItem> message(
            Contact to, MessageKind kind, String requestId, Instant dueAt, Instant now) {
        if (to == null) {
            return List.of();
        }
        Map<String, String> params =
                dueAt == null
                        ? Map.of(OutboundMessage.REQUEST_ID, requestId)
                        : Map.of(
                                OutboundMessage.REQUEST_ID,
                                requestId,
                                OutboundMessage.DUE_DATE,
                                dueAt.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        return List.of(
                outbox.item(
                        new OutboundMessage(to.channel(), to.address(), to.locale(), kind, params),
                        now));
    }
}
