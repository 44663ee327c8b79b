package dev.consentvault.support;

/** Nothing found, or the request is not in a state that allows what was asked (exit 1). */
class RefusedException extends RuntimeException {

    RefusedException(String message) {
        super(message, null, false, false);
    }
}
