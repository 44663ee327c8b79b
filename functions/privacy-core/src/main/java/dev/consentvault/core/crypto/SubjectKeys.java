package dev.consentvault.core.crypto;

import dev.consentvault.core.purpose.PersonalField;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous keys: HMAC-SHA256 under the index key, which lives in KMS-wrapped form only. The
 * same normalised identifier always gives the same key, so a person's records can be found for
 * erasure without storing the identifier in clear; without the index key the keys reveal nothing.
 */
public final class SubjectKeys {

    // one Mac per thread per index key: init with the key once, doFinal resets it for the next call
    private final ThreadLocal<Mac> hmac;

    public SubjectKeys(byte[] indexKey) {
        if (indexKey.length != 32) {
            throw new IllegalArgumentException("index key must be 256 bits");
        }
        SecretKeySpec key = new SecretKeySpec(indexKey, "HmacSHA256");
        this.hmac =
                PerThread.of(
                        "HmacSHA256",
                        () -> {
                            Mac mac = Mac.getInstance("HmacSHA256");
                            mac.init(key);
                            return mac;
                        });
    }

    /** The subject key of a normalised email or phone number. */
    public String subjectKey(PersonalField field, String normalisedValue) {
        return hmac("subject:" + field.jsonName() + ":" + normalisedValue);
    }

    /**
     * A keyed digest of anything else that must be comparable but not readable (request
     * fingerprints).
     */
    public String digest(String domain, String value) {
        return hmac(domain + ":" + value);
    }

    private String hmac(String input) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmac.get().doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }
}
