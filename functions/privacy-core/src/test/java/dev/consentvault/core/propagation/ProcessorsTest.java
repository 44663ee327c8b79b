package dev.consentvault.core.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The processors register's acknowledgement setting, as the catalogue states it. */
class ProcessorsTest {

    private static String register(String ack) {
        return """
                {"processors": [{"id": "mail-co", "name": "Mail Co", "location": "EU",
                  "receives": ["email-sha256"]%s}]}
                """
                .formatted(ack == null ? "" : ", \"ack\": " + ack);
    }

    @Test
    void theShippedRegisterWaitsForSignedCallbacks() {
        Processors shipped = Processors.load(null, null);
        assertEquals(2, shipped.all().size());
        for (Processor p : shipped.all()) {
            assertEquals(Processor.AckMode.CALLBACK, p.ack(), p.id());
            assertNull(p.webhookUrl(), "no URL until the deployment names one");
        }
    }

    @Test
    void deliveryMakesTheWebhooks2xxTheAcknowledgementAndCallbackIsTheDefault() {
        assertEquals(
                Processor.AckMode.DELIVERY,
                Processors.load(register("\"delivery\""), null)
                        .find("mail-co")
                        .orElseThrow()
                        .ack());
        assertEquals(
                Processor.AckMode.CALLBACK,
                Processors.load(register("\"callback\""), null)
                        .find("mail-co")
                        .orElseThrow()
                        .ack());
        assertEquals(
                Processor.AckMode.CALLBACK,
                Processors.load(register(null), null).find("mail-co").orElseThrow().ack());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Delivery\"", "\"2xx\"", "\"\"", "true", "1", "null", "{}"})
    void anyOtherAcknowledgementSettingStopsTheLoadAndSaysWhatIsAllowed(String ack) {
        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class, () -> Processors.load(register(ack), null));
        assertTrue(
                refused.getMessage().contains("mail-co: ack must be \"callback\" or \"delivery\""),
                refused.getMessage());
    }
}
