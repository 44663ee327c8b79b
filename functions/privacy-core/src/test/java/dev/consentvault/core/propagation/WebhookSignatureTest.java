package dev.consentvault.core.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] SECRET =
            "0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY =
            "{\"propagationId\":\"p-1\",\"processor\":\"tiktok-ads\"}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    @Test
    void aSignatureIsTheTimestampAndTheHmacOfTimestampDotBody() {
        // computed independently (Python: hmac.new(secret, b"1796587200." + body, sha256)), and
        // given in docs/api.md for processors to check their own implementation against
        assertEquals(
                "t=1796587200,v1=b4aa1a742d75d88433884cdabbace9ae9587605001c9103e381543a49d15f47c",
                WebhookSignature.sign(SECRET, NOW, BODY));
    }

    @Test
    void itVerifiesWithinFiveMinutesEitherWay() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY);
        assertTrue(WebhookSignature.verify(SECRET, header, BODY, NOW));
        assertTrue(WebhookSignature.verify(SECRET, header, BODY, NOW.plus(Duration.ofMinutes(5))));
        assertTrue(WebhookSignature.verify(SECRET, header, BODY, NOW.minus(Duration.ofMinutes(5))));
        assertFalse(
                WebhookSignature.verify(SECRET, header, BODY, NOW.plus(Duration.ofSeconds(301))),
                "a replay after five minutes");
        assertFalse(
                WebhookSignature.verify(SECRET, header, BODY, NOW.minus(Duration.ofSeconds(301))),
                "a signature dated in the future");
    }

    @Test
    void anythingAlteredOrForgedIsRefused() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY);
        byte[] altered =
                new String(BODY, StandardCharsets.UTF_8)
                        .replace("p-1", "p-2")
                        .getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(SECRET, header, altered, NOW), "another body");
        byte[] other =
                "another secret of a decent length, 48 characters!"
                        .getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(other, header, BODY, NOW), "another secret");
        String redated = header.replace("t=1796587200", "t=1796587260");
        assertFalse(WebhookSignature.verify(SECRET, redated, BODY, NOW), "the timestamp is signed");
        for (String bad :
                new String[] {
                    null,
                    "",
                    "v1=00",
                    "t=1796587200",
                    "t=abc,v1=00",
                    "t=1796587200,v1=zz",
                    "t=1796587200,v1=" + "0".repeat(64),
                    "x".repeat(500)
                }) {
            assertFalse(WebhookSignature.verify(SECRET, bad, BODY, NOW), String.valueOf(bad));
        }
    }
}
