package dev.consentvault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exit codes and messages of the command line itself; nothing here reaches AWS except the failure
 * case.
 */
class SupportCliTest {

    private static final Map<String, String> ENV =
            Map.of(
                    "USER",
                    "ana",
                    "AWS_ACCESS_KEY_ID",
                    "test",
                    "AWS_SECRET_ACCESS_KEY",
                    "test",
                    "AWS_REGION",
                    "us-east-1");
    private static final String REQUEST_ID = "0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a";

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        return run(ENV, args);
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                SupportCli.run(
                        args,
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpForTheToolAndForEachCommandGoesToStdoutWithExitZero() {
        for (String[] args :
                new String[][] {{"--help"}, {"-h"}, {"help"}, {"--stack", "x", "--help"}}) {
            Result help = run(args);
            assertEquals(0, help.code());
            assertTrue(
                    help.out().startsWith("Usage: consent-vault-support [global options] COMMAND"),
                    help.out());
            for (CommandSpec command : CommandSpec.values()) {
                assertTrue(help.out().contains(command.commandName()), command.commandName());
            }
            assertEquals("", help.err());
        }
        for (CommandSpec command : CommandSpec.values()) {
            if (command == CommandSpec.HELP) {
                continue;
            }
            Result help = run(command.commandName(), "--help");
            assertEquals(0, help.code());
            assertTrue(
                    help.out()
                            .startsWith(
                                    "Usage: consent-vault-support [global options] "
                                            + command.commandName()),
                    help.out());
            assertEquals(help.out(), run("help", command.commandName()).out());
        }
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageErrorWithTheToolsUsage() {
        Result none = run();
        assertEquals(2, none.code());
        assertTrue(
                none.err().startsWith("consent-vault-support: no command given\n\nUsage:"),
                none.err());
        Result unknown = run("delete-everything");
        assertEquals(2, unknown.code());
        assertTrue(
                unknown.err()
                        .startsWith("consent-vault-support: unknown command 'delete-everything'"));
        assertTrue(unknown.err().contains("Commands:"));
        assertEquals("", unknown.out());
        assertEquals(2, run("help", "nope").code());
    }

    @Test
    void aCommandsUsageErrorShowsThatCommandsUsage() {
        Result result = run("request-deletion", "--email", "ana@example.com");
        assertEquals(2, result.code());
        assertTrue(
                result.err().startsWith("consent-vault-support: --jurisdiction is required"),
                result.err());
        assertTrue(
                result.err()
                        .contains(
                                "Usage: consent-vault-support [global options] request-deletion (--email E"));
    }

    @Test
    void requiredAndExclusiveOptionsAreCheckedBeforeAnyCallToAws() {
        String unreachable = "http://127.0.0.1:1";
        assertUsage(
                "name the subject with --email, --phone or --receipt",
                "--endpoint-url",
                unreachable,
                "request-deletion",
                "--jurisdiction",
                "EU");
        assertUsage(
                "name the subject with one of --email, --phone, --receipt, not --email and --phone",
                "request-deletion",
                "--email",
                "a@example.com",
                "--phone",
                "+34600000000",
                "--jurisdiction",
                "EU");
        assertUsage(
                "--phone is not an international phone number",
                "request-deletion",
                "--phone",
                "600 00 00 00",
                "--jurisdiction",
                "EU");
        assertUsage(
                "--jurisdiction must be an ISO 3166 code",
                "request-deletion",
                "--email",
                "a@example.com",
                "--jurisdiction",
                "Europe");
        assertUsage("--receipt must be a receipt id", "request-deletion", "--receipt", "42");
        assertUsage(
                "--message is required",
                "file-complaint",
                "--contact",
                "a@example.com",
                "--jurisdiction",
                "EU");
        assertUsage(
                "a complaint needs a way to answer it",
                "file-complaint",
                "--message",
                "hi",
                "--jurisdiction",
                "EU");
        assertUsage(
                "--contact must be an email address or an international phone number",
                "file-complaint",
                "--message",
                "hi",
                "--contact",
                "call me",
                "--jurisdiction",
                "EU");
        assertUsage(
                "a complaint naming a receipt is treated as its holder's",
                "file-complaint",
                "--message",
                "hi",
                "--receipt",
                REQUEST_ID,
                "--ticket",
                "SUP-1");
        assertUsage("REQUEST_ID must be a request id", "status", "REQ-1");
        assertUsage("--reason is required", "extend", REQUEST_ID);
        assertUsage("--reason must not be empty", "extend", REQUEST_ID, "--reason", "  ");
        assertUsage(
                "--ticket must not be empty",
                "request-deletion",
                "--email",
                "a@example.com",
                "--jurisdiction",
                "EU",
                "--ticket=");
        assertUsage(
                "--stack must be a CloudFormation stack name",
                "--stack",
                "my stack",
                "status",
                REQUEST_ID);
        assertUsage(
                "--endpoint-url must be an http(s) URL",
                "--endpoint-url",
                "localhost:4566",
                "status",
                REQUEST_ID);
    }

    @Test
    void anInvalidIdentifierIsNotRepeatedBack() {
        Result result = run("export", "--email", "ana.secret@@example.com", "--identity-verified");
        assertEquals(2, result.code());
        assertFalse(result.err().contains("ana.secret"), result.err());
    }

    @Test
    void exportRefusesWithoutIdentityVerification() {
        Result result = run("export", "--email", "ana@example.com");
        assertEquals(2, result.code());
        assertTrue(
                result.err()
                        .contains(
                                "verify the requester's identity first, then run it again with"
                                        + " --identity-verified"),
                result.err());
        assertEquals("", result.out());
    }

    @Test
    void filingNeedsToKnowWhoIsFilingIt() {
        Map<String, String> noUser = Map.of("AWS_REGION", "us-east-1");
        Result result =
                run(noUser, "request-deletion", "--email", "a@example.com", "--jurisdiction", "EU");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("--staff-id is required: $USER is not set"), result.err());
        assertEquals(
                2,
                run(
                                "--staff-id",
                                "ana smith",
                                "request-deletion",
                                "--email",
                                "a@example.com",
                                "--jurisdiction",
                                "EU")
                        .code());
    }

    @Test
    void deploymentParametersFromTheEnvironmentAreChecked() {
        Result result = run(Map.of("COMPLAINT_ACK_HOURS", "soon"), "status", REQUEST_ID);
        assertEquals(2, result.code());
        assertTrue(
                result.err().contains("COMPLAINT_ACK_HOURS must be a positive number of hours"),
                result.err());
    }

    @Test
    void anUnreachableServiceIsExitThreeWithOneLineAndNoStackTrace() {
        Result result = run("--endpoint-url", "http://127.0.0.1:1", "status", REQUEST_ID);
        assertEquals(3, result.code(), result.err());
        assertTrue(
                result.err().startsWith("consent-vault-support: request read failed"),
                result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
        assertEquals("", result.out());
    }

    private static void assertUsage(String messageStart, String... args) {
        Result result = run(args);
        assertEquals(2, result.code(), String.join(" ", args) + " -> " + result.err());
        assertTrue(result.err().startsWith("consent-vault-support: " + messageStart), result.err());
        assertTrue(result.err().contains("\nUsage: "), result.err());
        assertEquals("", result.out());
    }
}
