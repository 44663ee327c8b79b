package dev.consentvault.core.propagation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on a webhook and on a processor's acknowledgement, in the header {@value #HEADER}:
 * {@code t=<epoch seconds>,v1=<hex HMAC-SHA256 over "<t>.<raw body>">} under the processor's
 * secret. The timestamp is inside the MAC, so a captured message cannot be re-dated; one older or
 * newer than {@link #TOLERANCE} is refused, so it cannot be replayed later either.
 */
public final class WebhookSignature {

    public static final String HEADER = "Consent-Vault-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {}

    public static String sign(byte[] secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /** True when the header is a signature of this body under the secret, made within tolerance. */
    public static boolean verify(byte[] secret, String header, byte[] body, Instant now) {
        if (header == null || header.length() > 200) {
            return false;
        }
        Long t = null;
        byte[] presented = null;
        for (String part : header.split(",")) {
            String p = part.strip();
            try {
                if (p.startsWith("t=")) {
                    t = Long.parseLong(p.substring(2));
                } else if (p.startsWith("v1=")) {
                    presented = HexFormat.of().parseHex(p.substring(3));
                }
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        if (t == null || presented == null) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, t, body), presented);
    }

    private static byte[] mac(byte[] secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }
}
