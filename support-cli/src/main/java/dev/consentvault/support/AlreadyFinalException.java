package dev.consentvault.support;

import dev.consentvault.core.privacy.PrivacyRequest;

/**
 * The request is COMPLETED or CLOSED: nothing can be done to it any more (exit 4, whichever command
 * was repeated), so a script can tell "done already" from "refused".
 */
final class AlreadyFinalException extends RefusedException {

    AlreadyFinalException(PrivacyRequest request) {
        super(
                "request "
                        + request.requestId()
                        + " is "
                        + request.status()
                        + " already: nothing more can be done to it");
    }
}
