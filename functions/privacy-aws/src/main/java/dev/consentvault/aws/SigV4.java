package dev.consentvault.aws;

import dev.consentvault.core.crypto.PerThread;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for a JSON-protocol POST to the path {@code /} with no query: the only
 * request shape {@link JsonRpcClient} sends. Written from the published algorithm (canonical
 * request, string to sign, derived key); SigV4Test checks each signature against the AWS SDK's own
 * signer on the same inputs.
 */
final class SigV4 {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** An access key, its secret, and the session token of temporary credentials (or null). */
    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

        @Override
        public String toString() {
            // never the secret or the token in a log or an exception
            return "Credentials[" + accessKeyId + "]";
        }
    }

    private SigV4() {}

    /**
     * The headers to send with the request, its own given ones included: {@code X-Amz-Date}, {@code
     * X-Amz-Security-Token} for temporary credentials, and {@code Authorization}, which signs
     * {@code host} and every header given.
     *
     * @param host the Host header the HTTP client sends ({@code name[:port]})
     * @param headers the request's other headers (content type, target), lower-case names
     */
    static Map<String, String> sign(
            String host,
            Map<String, String> headers,
            byte[] body,
            String region,
            String service,
            Credentials credentials,
            Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.trim()));
        String payloadHash = hex(sha256(body));
        signed.put("host", host);
        // sent and signed as the SDK's signer does: the service checks the body against it
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", amzDate);
        if (credentials.sessionToken() != null) {
            signed.put("x-amz-security-token", credentials.sessionToken());
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach(
                (name, value) ->
                        canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalRequest =
                "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String stringToSign =
                "AWS4-HMAC-SHA256\n"
                        + amzDate
                        + "\n"
                        + scope
                        + "\n"
                        + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key =
                hmac(
                        ("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8),
                        day);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, stringToSign));
        Map<String, String> out = new TreeMap<>(signed);
        out.remove("host"); // the HTTP client sends it
        out.put(
                "authorization",
                "AWS4-HMAC-SHA256 Credential="
                        + credentials.accessKeyId()
                        + "/"
                        + scope
                        + ", SignedHeaders="
                        + signedHeaders
                        + ", Signature="
                        + signature);
        return out;
    }

    // getInstance walks the provider list on every call: one of each per thread, reset by use
    private static final ThreadLocal<MessageDigest> SHA_256 =
            PerThread.of("SHA-256", () -> MessageDigest.getInstance("SHA-256"));
    private static final ThreadLocal<Mac> HMAC_SHA_256 =
            PerThread.of("HmacSHA256", () -> Mac.getInstance("HmacSHA256"));

    private static byte[] sha256(byte[] data) {
        // digest() resets the instance for its next use
        return SHA_256.get().digest(data);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = HMAC_SHA_256.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HMAC-SHA256 key was refused", e);
        }
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
