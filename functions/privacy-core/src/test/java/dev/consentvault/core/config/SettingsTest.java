package dev.consentvault.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.consent.Controller;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @Test
    void unsetSettingsTakeTheTemplatesDefaults() {
        Settings settings = new Settings(Map.of());
        assertEquals(Duration.ofHours(72), settings.complaintAcknowledgement());
        assertEquals("P3Y", settings.privacyProofRetention().iso());
        assertEquals("P3Y", settings.withdrawalProofRetention().iso());
        assertEquals("P6Y", settings.auditRetention().iso());
        assertEquals(Optional.empty(), settings.deletionQueueUrl());
        assertEquals(Optional.empty(), settings.complaintQueueUrl());
        assertEquals(5, settings.purposes().all().size(), "the shipped catalogue");
    }

    @Test
    void thePublicBaseUrlIsOptionalAndLosesItsTrailingSlash() {
        assertEquals(Optional.empty(), new Settings(Map.of()).publicBaseUrl());
        assertEquals(
                Optional.empty(), new Settings(Map.of("PUBLIC_BASE_URL", " ")).publicBaseUrl());
        assertEquals(
                Optional.of("https://consent.example.com/vault"),
                new Settings(Map.of("PUBLIC_BASE_URL", "https://consent.example.com/vault/"))
                        .publicBaseUrl());
        assertEquals(
                Optional.of("http://127.0.0.1:3000"),
                new Settings(Map.of("PUBLIC_BASE_URL", "http://127.0.0.1:3000")).publicBaseUrl());
        for (String bad :
                new String[] {"consent.example.com", "ftp://x.example", "https://x?a=1"}) {
            InvalidSettingException e =
                    assertThrows(
                            InvalidSettingException.class,
                            () -> new Settings(Map.of("PUBLIC_BASE_URL", bad)).publicBaseUrl());
            assertTrue(e.getMessage().startsWith("PUBLIC_BASE_URL must be"));
        }
    }

    @Test
    void blankCountsAsUnsetLikeAnEmptyTemplateParameter() {
        Settings settings =
                new Settings(
                        Map.of(
                                "COMPLAINT_ACK_HOURS", " ",
                                "AUDIT_RETENTION", "",
                                "DELETION_QUEUE_URL", " "));
        assertEquals(Duration.ofHours(72), settings.complaintAcknowledgement());
        assertEquals("P6Y", settings.auditRetention().iso());
        assertEquals(Optional.empty(), settings.deletionQueueUrl());
        assertThrows(
                InvalidSettingException.class,
                () -> new Settings(Map.of("CONSENT_TABLE", "  ")).consentTable());
    }

    @Test
    void setValuesAreTyped() {
        Settings settings =
                new Settings(
                        Map.ofEntries(
                                Map.entry("CONSENT_TABLE", "s-consents"),
                                Map.entry("KMS_KEY_ID", "arn:aws:kms:eu-west-1:1:key/k"),
                                Map.entry("PRIVACY_REQUESTS_TABLE", "s-privacy-requests"),
                                Map.entry("AUDIT_TABLE", "s-audit"),
                                Map.entry("DELETION_QUEUE_URL", "https://sqs/d"),
                                Map.entry("COMPLAINT_QUEUE_URL", "https://sqs/c"),
                                Map.entry("CONTROLLER_NAME", "Cherries Ltd"),
                                Map.entry("CONTROLLER_CONTACT", "dpo@cherries.example"),
                                Map.entry("CONTROLLER_POLICY_URL", "https://cherries.example/p"),
                                Map.entry("COMPLAINT_ACK_HOURS", " 48 "),
                                Map.entry("PRIVACY_PROOF_RETENTION", "P5Y"),
                                Map.entry("WITHDRAWAL_PROOF_RETENTION", "P18M"),
                                Map.entry("AUDIT_RETENTION", "P10Y")));
        assertEquals("s-consents", settings.consentTable());
        assertEquals("arn:aws:kms:eu-west-1:1:key/k", settings.kmsKeyId());
        assertEquals("s-privacy-requests", settings.privacyRequestsTable());
        assertEquals("s-audit", settings.auditTable());
        assertEquals(Optional.of("https://sqs/d"), settings.deletionQueueUrl());
        assertEquals(Optional.of("https://sqs/c"), settings.complaintQueueUrl());
        assertEquals(
                new Controller(
                        "Cherries Ltd", "dpo@cherries.example", "https://cherries.example/p"),
                settings.controller());
        assertEquals(Duration.ofHours(48), settings.complaintAcknowledgement());
        assertEquals("P5Y", settings.privacyProofRetention().iso());
        assertEquals("P18M", settings.withdrawalProofRetention().iso());
        assertEquals("P10Y", settings.auditRetention().iso());
    }

    /** A bad value stops the function at start, naming the variable but never the value. */
    @ParameterizedTest
    @CsvSource({
        "COMPLAINT_ACK_HOURS, soon-s3cr3t",
        "COMPLAINT_ACK_HOURS, 0",
        "COMPLAINT_ACK_HOURS, -5",
        "COMPLAINT_ACK_HOURS, 1.5",
        "COMPLAINT_ACK_HOURS, 99999999999999999999",
        "COMPLAINT_ACK_HOURS, 8785",
        "PRIVACY_PROOF_RETENTION, forever-s3cr3t",
        "PRIVACY_PROOF_RETENTION, P0D",
        "PRIVACY_PROOF_RETENTION, P-1Y",
        "WITHDRAWAL_PROOF_RETENTION, 3 years",
        "AUDIT_RETENTION, PT6H",
    })
    void aBadValueIsRefusedWhenTheSettingsAreBuilt(String name, String value) {
        InvalidSettingException e =
                assertThrows(
                        InvalidSettingException.class, () -> new Settings(Map.of(name, value)));
        assertTrue(e.getMessage().startsWith(name + " must be "), e.getMessage());
        assertFalse(e.getMessage().contains(value.strip()), "the value is not echoed");
    }

    @Test
    void theFallbackJurisdictionIsOptionalAndMustBeSupported() {
        assertFalse(new Settings(Map.of()).jurisdictions().supports("US-NY"));
        assertFalse(
                new Settings(Map.of(Settings.FALLBACK_JURISDICTION, ""))
                        .jurisdictions()
                        .supports("US-NY"),
                "an empty template parameter means no fallback");
        assertTrue(
                new Settings(Map.of(Settings.FALLBACK_JURISDICTION, "EU"))
                        .jurisdictions()
                        .supports("US-NY"));
        InvalidSettingException e =
                assertThrows(
                        InvalidSettingException.class,
                        () ->
                                new Settings(Map.of(Settings.FALLBACK_JURISDICTION, "XX"))
                                        .jurisdictions());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "FALLBACK_JURISDICTION: the fallback jurisdiction XX is not"
                                        + " supported; supported: AT, BE"),
                e.getMessage());
    }

    @Test
    void aMissingRequiredSettingIsNamedWhenItIsAskedFor() {
        Settings settings = new Settings(Map.of());
        for (var read :
                Map.<String, Runnable>of(
                                "CONSENT_TABLE", settings::consentTable,
                                "KMS_KEY_ID", settings::kmsKeyId,
                                "PRIVACY_REQUESTS_TABLE", settings::privacyRequestsTable,
                                "AUDIT_TABLE", settings::auditTable,
                                "CONTROLLER_NAME", settings::controller)
                        .entrySet()) {
            InvalidSettingException e =
                    assertThrows(InvalidSettingException.class, read.getValue()::run);
            assertTrue(e.getMessage().startsWith(read.getKey() + " is not set"), e.getMessage());
        }
        InvalidSettingException e =
                assertThrows(
                        InvalidSettingException.class,
                        () ->
                                new Settings(
                                                Map.of(
                                                        "CONTROLLER_NAME", "Cherries",
                                                        "CONTROLLER_CONTACT", "dpo@c.example"))
                                        .controller());
        assertTrue(e.getMessage().startsWith("CONTROLLER_POLICY_URL is not set"), e.getMessage());
    }

    @Test
    void theCaptureWritePatienceDefaultsToOneSecondAndRefusesValuesOutsideItsRange() {
        assertEquals(Duration.ofSeconds(1), new Settings(Map.of()).captureWritePatience());
        assertEquals(
                Duration.ofMillis(6000),
                new Settings(Map.of("CAPTURE_WRITE_PATIENCE_MS", " 6000 ")).captureWritePatience());
        for (String bad : new String[] {"0", "99", "10001", "1s", "-5"}) {
            InvalidSettingException e =
                    assertThrows(
                            InvalidSettingException.class,
                            () ->
                                    new Settings(Map.of("CAPTURE_WRITE_PATIENCE_MS", bad))
                                            .captureWritePatience());
            assertTrue(e.getMessage().startsWith("CAPTURE_WRITE_PATIENCE_MS"), e.getMessage());
        }
    }
}
