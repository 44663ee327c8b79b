package dev.consentvault.core.privacy;

import java.util.Locale;
import java.util.Optional;

public enum RequestType {
    DELETION,
    COMPLAINT,
    /** An access request (GDPR Art. 15) answered by staff with an export; recorded as a proof. */
    ACCESS;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RequestType> fromJsonName(String name) {
        for (RequestType type : values()) {
            if (type.jsonName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
