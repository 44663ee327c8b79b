package dev.consentvault.core.propagation;

import java.util.Map;

/** Port to the outside world: one HTTPS POST with a time limit. */
public interface Webhooks {

    /**
     * Posts the body; the HTTP status, or an exception when there was no answer in time (the caller
     * retries later).
     */
    int post(String url, byte[] body, Map<String, String> headers);
}
