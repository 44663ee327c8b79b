package dev.consentvault.functions.handler;

import dev.consentvault.core.privacy.RequestQueue;
import dev.consentvault.core.privacy.RequestType;
import java.util.ArrayList;
import java.util.List;

/** Both request queues in memory: what was sent, to which, in order. */
final class InMemoryQueue implements RequestQueue {

    record Sent(RequestType queue, String body) {}

    final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void send(RequestType queue, String body) {
        sent.add(new Sent(queue, body));
    }
}
