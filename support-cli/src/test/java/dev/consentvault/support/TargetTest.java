package dev.consentvault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which stack, region and credentials a command line means; the AWS files are a temporary
 * directory's.
 */
class TargetTest {

    @TempDir Path home;

    @BeforeEach
    void awsFiles() throws Exception {
        Path config = home.resolve("config");
        Files.writeString(
                config,
                """
                [profile staff]
                region = eu-west-1
                [default]
                region = ap-south-1
                """);
        Path credentials = home.resolve("credentials");
        Files.writeString(credentials, "");
        // the SDK reads these properties before the environment and ~/.aws
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("aws.configFile");
        System.clearProperty("aws.sharedCredentialsFile");
    }

    private static Target resolve(Map<String, String> env, String... args) throws UsageException {
        Cli tool = new Cli();
        CommandLines.of(tool).parseArgs(args);
        return Target.resolve(tool, env);
    }

    @Test
    void theLocalStackIsTheDefaultAndNamesFollowTheTemplate() throws Exception {
        Target target = resolve(Map.of("AWS_REGION", "us-west-2"), "list-overdue");
        assertEquals("consent-vault-local", target.names().stack());
        assertEquals("consent-vault-local-consents", target.names().consentTable());
        assertEquals("consent-vault-local-privacy-requests", target.names().requestsTable());
        assertEquals("alias/consent-vault-local-consent", target.names().keyAlias());
        assertEquals("us-west-2", target.region());
        assertNull(target.endpointUrl());
        assertEquals(Duration.ofHours(72), target.settings().complaintAcknowledgement());
        assertEquals("P3Y", target.settings().privacyProofRetention().iso());
    }

    @Test
    void optionsWinOverTheEnvironment() throws Exception {
        Target target =
                resolve(
                        Map.of("AWS_REGION", "us-west-2", "AWS_ENDPOINT_URL", "http://elsewhere:1"),
                        "--stack",
                        "brand-prod",
                        "--region",
                        "eu-central-1",
                        "--endpoint-url",
                        "http://127.0.0.1:4566",
                        "list-overdue");
        assertEquals("brand-prod-consents", target.names().consentTable());
        assertEquals("eu-central-1", target.region());
        assertEquals("http://127.0.0.1:4566", target.endpointUrl());
        assertEquals(
                "http://elsewhere:1",
                resolve(Map.of("AWS_ENDPOINT_URL", "http://elsewhere:1"), "list-overdue")
                        .endpointUrl());
    }

    @Test
    void withoutARegionTheProfilesRegionIsUsed() throws Exception {
        assertEquals("eu-west-1", resolve(Map.of(), "--profile", "staff", "list-overdue").region());
        assertEquals("staff", resolve(Map.of(), "--profile", "staff", "list-overdue").profile());
        assertEquals("eu-west-1", resolve(Map.of("AWS_PROFILE", "staff"), "list-overdue").region());
        assertEquals("ap-south-1", resolve(Map.of(), "list-overdue").region());
        assertEquals(
                "us-east-2",
                resolve(
                                Map.of("AWS_DEFAULT_REGION", "us-east-2"),
                                "--profile",
                                "staff",
                                "list-overdue")
                        .region());
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        UsageException e =
                assertThrows(
                        UsageException.class,
                        () -> resolve(Map.of(), "--profile", "nobody", "list-overdue"));
        assertTrue(
                e.getMessage().startsWith("--profile nobody is not in your AWS config"),
                e.getMessage());
    }

    @Test
    void theStacksDeploymentParametersComeFromTheFunctionsVariables() throws Exception {
        Target target =
                resolve(
                        Map.of(
                                "AWS_REGION",
                                "us-east-1",
                                "COMPLAINT_ACK_HOURS",
                                "48",
                                "PRIVACY_PROOF_RETENTION",
                                "P5Y"),
                        "list-overdue");
        assertEquals(Duration.ofHours(48), target.settings().complaintAcknowledgement());
        assertEquals("P5Y", target.settings().privacyProofRetention().iso());
        UsageException e =
                assertThrows(
                        UsageException.class,
                        () ->
                                resolve(
                                        Map.of("PRIVACY_PROOF_RETENTION", "forever"),
                                        "list-overdue"));
        assertTrue(e.getMessage().startsWith("PRIVACY_PROOF_RETENTION must be"), e.getMessage());
        assertThrows(
                UsageException.class,
                () -> resolve(Map.of("COMPLAINT_ACK_HOURS", "0"), "list-overdue"));
    }
}
