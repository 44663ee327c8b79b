package dev.consentvault.core.privacy;

/**
 * Port to the request queues (SQS): deletion-requests and complaints. Bodies carry no personal data
 * in clear.
 */
public interface RequestQueue {

    void send(RequestType queue, String body);
}
