package dev.consentvault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The command line itself: help, exit codes and messages. Nothing here reaches AWS: where a line
 * passes every check, the endpoint is unreachable and the answer is exit 3.
 */
class SupportCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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
    private static final String UNREACHABLE = "http://127.0.0.1:1";
    private static final String SECRET = "ana.secret@example.com";

    private record Result(int code, String out, String err) {

        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

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
    void capacityPrintsWhatABurstNeedsWithoutCallingAws() throws Exception {
        Result result =
                run("--endpoint-url", UNREACHABLE, "--json", "capacity", "--expect", "5000/s");
        assertEquals(0, result.code(), result.err());
        JsonNode plan = result.json();
        // 5,000/s x 22 units x 1.25 headroom (the full sign-up with its two double opt-ins,
        // measured by ThrottledCaptureIT); each index 8 units; the keys table 2
        assertEquals(137_500, plan.path("consentTableWarmWrites").asLong());
        assertEquals(50_000, plan.path("emailIndexWarmWrites").asLong());
        assertEquals(50_000, plan.path("phoneIndexWarmWrites").asLong());
        assertEquals(12_500, plan.path("keysTableWarmWrites").asLong());
        // Little's law at the p99: 5,000/s x 0.15 s x 1.25
        assertEquals(938, plan.path("captureConcurrency").asLong());
        assertEquals(5_000, plan.path("captureRateLimit").asLong());
        assertEquals(10_000, plan.path("captureBurstLimit").asLong());

        // a small campaign never asks for less than a new on-demand table has
        JsonNode small =
                run("--endpoint-url", UNREACHABLE, "--json", "capacity", "--expect", "50").json();
        assertEquals(4_000, small.path("consentTableWarmWrites").asLong());
        assertEquals(2, run("capacity", "--expect", "lots").code());
        assertEquals(2, run("capacity", "--expect", "0/s").code());
    }

    /** Every command's name (not its aliases). */
    private static Set<String> commands() {
        Set<String> names = new LinkedHashSet<>();
        CommandLines.of(new Cli())
                .getSubcommands()
                .values()
                .forEach(c -> names.add(c.getCommandName()));
        return names;
    }

    @Test
    void accountabilityCommandsRefuseWhatIsMistypedBeforeAnyCall() {
        String[][] wrong = {
            {"audit"},
            {"audit", "erase"},
            {"audit", "show"},
            {"audit", "show", "--request", "not-a-uuid"},
            {"audit", "show", "--request", UUID_A, "--receipt", UUID_A},
            {"audit", "verify", "--from", "yesterday"},
            {"audit", "verify", "--request", UUID_A},
            {"stats"},
            {"stats", "--campaign", "c", "--from", "2026-12-31", "--to", "2026-12-01"},
            {"report"},
            {"report", "--month", "2026-13"},
        };
        for (String[] args : wrong) {
            String[] line = new String[args.length + 2];
            line[0] = "--endpoint-url";
            line[1] = "http://127.0.0.1:9";
            System.arraycopy(args, 0, line, 2, args.length);
            Result result = run(line);
            assertEquals(2, result.code(), String.join(" ", args) + ": " + result.err());
        }
    }

    private static final String UUID_A = "3f0c1a2b-1111-4222-8333-944455556666";

    @Test
    void noticeIsACommandGroupWhoseListHasItsOwnHelp() {
        Result bare = run("notice");
        assertEquals(2, bare.code());
        assertTrue(bare.err().contains("notice needs a command: list"), bare.err());
        Result help = run("notice", "list", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("need re-consent"), help.out());
    }

    @Test
    void helpForTheToolAndForEveryCommandGoesToStdoutWithExitZero() {
        assertEquals(
                List.of(
                        "request-deletion",
                        "file-complaint",
                        "show",
                        "list-overdue",
                        "extend",
                        "verify",
                        "acknowledge",
                        "close",
                        "export",
                        "check-suppression",
                        "audit",
                        "stats",
                        "report",
                        "capacity",
                        "notice",
                        "help"),
                List.copyOf(commands()));
        for (String[] args :
                new String[][] {{"--help"}, {"-h"}, {"help"}, {"--stack", "x", "--help"}}) {
            Result help = run(args);
            assertEquals(0, help.code());
            assertTrue(
                    help.out().startsWith("Usage: consent-vault-support [global options] COMMAND"),
                    help.out());
            for (String command : commands()) {
                assertTrue(help.out().contains("\n  " + command), command);
            }
            assertTrue(help.out().contains("Exit codes: 0 done;"), help.out());
            assertTrue(help.out().contains("--staff-id ID"), help.out());
            assertEquals("", help.err());
        }
        for (String command : commands()) {
            Result help = run(command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(
                    help.out()
                            .startsWith("Usage: consent-vault-support [global options] " + command),
                    help.out());
            assertTrue(
                    help.out().endsWith("Global options: see consent-vault-support --help\n"),
                    help.out());
            assertFalse(help.out().contains("--endpoint-url"), "global options are listed once");
            assertEquals(help.out(), run("help", command).out());
            assertEquals(help.out(), run(command, "-h").out());
        }
        assertTrue(run("show", "--help").out().contains("--reveal"));
        assertEquals(run("show", "--help").out(), run("status", "--help").out());
    }

    @Test
    void helpWinsOverMissingArguments() {
        Result help = run("extend", "-h");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--reason R"), help.out());
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageErrorOnOneLine() {
        assertUsage("no command given (see 'consent-vault-support --help')");
        assertUsage(
                "unknown command 'delete-everything' (see 'consent-vault-support --help')",
                "delete-everything");
        assertUsage("help: unknown command (see 'consent-vault-support --help')", "help", "nope");
    }

    @Test
    void aCommandsUsageErrorPointsToThatCommandsHelp() {
        assertUsage(
                "--jurisdiction is required (EU, GB, US-CA ...)"
                        + " (see 'consent-vault-support request-deletion --help')",
                "request-deletion",
                "--email",
                "ana@example.com");
    }

    @Test
    void theShapeOfTheLineIsCheckedOptionByOption() {
        assertUsage(
                "unknown option --emial for request-deletion", "request-deletion", "--emial", "x");
        assertUsage("unknown option --all for show", "status", "--all", REQUEST_ID);
        assertUsage("--email must come after the command name", "--email", "a@b.co", "export");
        assertUsage("--json takes no value", "--json=yes", "list-overdue");
        assertUsage(
                "--ticket is given twice", "request-deletion", "--ticket", "A", "--ticket", "B");
        assertUsage("--stack is given twice", "--stack", "a", "status", REQUEST_ID, "--stack", "b");
        assertUsage("missing REQUEST_ID", "status");
        assertUsage("extend takes one REQUEST_ID", "extend", REQUEST_ID, "b", "--reason", "r");
        assertUsage("list-overdue takes no arguments besides its options", "list-overdue", "now");
        assertUsage("--email needs a value (E)", "request-deletion", "--email", "--jurisdiction");
        assertUsage("--reason needs a value (R)", "extend", REQUEST_ID, "--reason");
        // "--" ends the options: what follows is the REQUEST_ID, checked as one
        assertUsage("REQUEST_ID must be a request id", "status", "--", "--weird");
        // no "@file" expansion: the argument is a (bad) request id, and no file is read
        assertUsage("REQUEST_ID must be a request id", "status", "@/etc/passwd");
    }

    @Test
    void requiredAndExclusiveOptionsAreCheckedBeforeAnyCallToAws() {
        assertUsage(
                "name the subject with --email, --phone or --receipt",
                "--endpoint-url",
                UNREACHABLE,
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
        assertUsage(
                "--jurisdiction is not a supported jurisdiction; supported: AT, BE, BG, BR, CL, CN",
                "request-deletion",
                "--email",
                "a@example.com",
                "--jurisdiction",
                "us-ny");
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
        assertUsage("REQUEST_ID must be a request id", "show", "REQ-1", "--reveal");
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
        assertUsage(
                "export prints the subject's personal data: verify the requester's identity first",
                "export",
                "--email",
                "ana@example.com");
        assertUsage(
                "verify the requester's identity first, then confirm it with --identity-verified",
                "verify",
                REQUEST_ID);
    }

    /** A line that passes every check reaches AWS (here: unreachable, exit 3). */
    private static void assertAccepted(String... args) {
        List<String> line = new ArrayList<>(List.of("--endpoint-url", UNREACHABLE));
        line.addAll(List.of(args));
        Result result = run(line.toArray(String[]::new));
        assertEquals(3, result.code(), String.join(" ", args) + " -> " + result.err());
    }

    @Test
    void globalOptionsGoBeforeOrAfterTheCommandAndValuesMayLookOdd() throws Exception {
        assertAccepted("--stack", "prod", "status", REQUEST_ID);
        assertAccepted("status", REQUEST_ID, "--stack", "prod");
        Result json =
                run("status", REQUEST_ID, "--endpoint-url", UNREACHABLE, "--json", "--stack=prod");
        assertEquals(3, json.code());
        assertEquals(3, json.json().get("exitCode").asInt(), "--json after the command counts");
        assertAccepted(
                "file-complaint",
                "--message=--not an option--",
                "--jurisdiction",
                "EU",
                "--ticket",
                "SUP-1");
        assertAccepted("extend", REQUEST_ID, "--reason", "-1 point");
        assertAccepted("show", REQUEST_ID, "--reveal");
        assertAccepted(
                "--staff-id",
                "ana.smith@corp",
                "request-deletion",
                "--receipt",
                REQUEST_ID,
                "--identity-verified");
    }

    @Test
    void aDeletionOfEverythingNeedsTheRequestersIdentityVerified() {
        // anyone can type an email address: erasing everything needs proof of control
        for (String[] args :
                List.of(
                        new String[] {
                            "request-deletion", "--email", "a@example.com", "--jurisdiction", "EU"
                        },
                        new String[] {
                            "request-deletion", "--phone", "+34600000000", "--jurisdiction", "EU"
                        },
                        new String[] {"request-deletion", "--receipt", REQUEST_ID})) {
            assertUsage(
                    "a deletion erases everything held about the person: verify the requester"
                            + " controls the identifier first, then confirm it with"
                            + " --identity-verified",
                    args);
            List<String> verified = new ArrayList<>(List.of(args));
            verified.add("--identity-verified");
            assertAccepted(verified.toArray(String[]::new));
        }
    }

    static Stream<Arguments> linesWithPersonalData() {
        return Stream.of(
                Arguments.of((Object) new String[] {SECRET}),
                Arguments.of((Object) new String[] {"status", SECRET}),
                Arguments.of((Object) new String[] {"status", "-" + SECRET}),
                Arguments.of((Object) new String[] {"status", REQUEST_ID, SECRET}),
                Arguments.of((Object) new String[] {"list-overdue", SECRET}),
                Arguments.of((Object) new String[] {"request-deletion", "--emial", SECRET}),
                Arguments.of((Object) new String[] {"request-deletion", "--emial=" + SECRET}),
                Arguments.of((Object) new String[] {"request-deletion", "--" + SECRET}),
                Arguments.of((Object) new String[] {"--" + SECRET, "status", REQUEST_ID}),
                Arguments.of((Object) new String[] {"list-overdue", "--all=" + SECRET}),
                Arguments.of((Object) new String[] {"--json=" + SECRET, "list-overdue"}),
                Arguments.of((Object) new String[] {"show", REQUEST_ID, "--reveal=" + SECRET}),
                Arguments.of(
                        (Object)
                                new String[] {
                                    "export",
                                    "--email",
                                    "ana.secret@@example.com",
                                    "--identity-verified"
                                }),
                Arguments.of(
                        (Object)
                                new String[] {
                                    "request-deletion", "--phone", SECRET, "--jurisdiction", "EU"
                                }),
                Arguments.of(
                        (Object)
                                new String[] {
                                    "file-complaint",
                                    "--message",
                                    "hi",
                                    "--contact",
                                    "ana.secret at example",
                                    "--jurisdiction",
                                    "EU"
                                }),
                Arguments.of(
                        (Object)
                                new String[] {
                                    "request-deletion",
                                    "--email",
                                    "a@example.com",
                                    "--jurisdiction",
                                    SECRET
                                }),
                Arguments.of(
                        (Object)
                                new String[] {
                                    "--staff-id",
                                    SECRET + " x",
                                    "request-deletion",
                                    "--email",
                                    "a@example.com",
                                    "--jurisdiction",
                                    "EU"
                                }),
                Arguments.of((Object) new String[] {"--stack", SECRET, "status", REQUEST_ID}),
                Arguments.of((Object) new String[] {"--region", SECRET, "list-overdue"}));
    }

    @ParameterizedTest
    @MethodSource("linesWithPersonalData")
    void whatWasTypedIsNeverRepeatedBackInTextOrJson(String[] args) throws Exception {
        Result text = run(args);
        assertTrue(text.code() == 2 || text.code() == 3, text.code() + " " + text.err());
        assertFalse((text.out() + text.err()).contains("ana.secret"), text.err());
        assertEquals(1, text.err().lines().count(), text.err());

        List<String> jsonLine = new ArrayList<>(List.of(args));
        jsonLine.add(0, "--json");
        Result json = run(jsonLine.toArray(String[]::new));
        assertEquals(text.code(), json.code());
        assertFalse((json.out() + json.err()).contains("ana.secret"), json.out());
    }

    @Test
    void withJsonAnErrorIsAJsonObjectOnStdoutWithTheSameExitCode() throws Exception {
        Result usage = run("--json", "request-deletion", "--email", "a@example.com");
        assertEquals(2, usage.code());
        assertEquals("", usage.err());
        JsonNode error = usage.json();
        assertEquals(2, error.get("exitCode").asInt());
        assertEquals("--jurisdiction is required (EU, GB, US-CA ...)", error.get("error").asText());

        Result parse = run("--json", "frobnicate");
        assertEquals(2, parse.code());
        assertEquals("unknown command 'frobnicate'", parse.json().get("error").asText());

        Result failed = run("--json", "--endpoint-url", UNREACHABLE, "status", REQUEST_ID);
        assertEquals(3, failed.code());
        assertEquals("", failed.err());
        assertEquals(3, failed.json().get("exitCode").asInt());
        assertTrue(
                failed.json().get("error").asText().startsWith("request read failed"),
                failed.out());

        // after "--" it is a value, not the flag
        Result literal = run("status", "--", "--json");
        assertEquals(2, literal.code());
        assertEquals("", literal.out());
    }

    @Test
    void theStaffIdFallsBackToUserThenIsAClearOneLineError() {
        Map<String, String> noUser = new HashMap<>(ENV);
        noUser.remove("USER");
        for (String[] args :
                List.of(
                        new String[] {
                            "request-deletion", "--email", "a@example.com", "--jurisdiction", "EU"
                        },
                        new String[] {"show", REQUEST_ID, "--reveal"},
                        new String[] {"verify", REQUEST_ID, "--identity-verified"},
                        new String[] {"export", "--receipt", REQUEST_ID, "--identity-verified"},
                        new String[] {
                            "file-complaint",
                            "--message",
                            "m",
                            "--ticket",
                            "T",
                            "--jurisdiction",
                            "EU"
                        })) {
            Result result = run(noUser, args);
            assertEquals(2, result.code(), String.join(" ", args));
            assertEquals(1, result.err().lines().count(), result.err());
            assertTrue(
                    result.err()
                            .startsWith(
                                    "consent-vault-support: --staff-id is required: this command"
                                            + " records who ran it, and $USER is not set"),
                    result.err());
        }
        List<String> withStaff = new ArrayList<>(List.of("--staff-id", "ana"));
        withStaff.addAll(List.of("--endpoint-url", UNREACHABLE, "show", REQUEST_ID, "--reveal"));
        assertEquals(3, run(noUser, withStaff.toArray(String[]::new)).code(), "--staff-id given");
        assertAccepted("show", REQUEST_ID, "--reveal");
        assertEquals(
                3,
                run(noUser, "--endpoint-url", UNREACHABLE, "status", REQUEST_ID).code(),
                "reading a request needs no staff id");

        Result badUser =
                run(
                        Map.of("USER", "ana smith", "AWS_REGION", "us-east-1"),
                        "request-deletion",
                        "--email",
                        "a@example.com",
                        "--jurisdiction",
                        "EU");
        assertEquals(2, badUser.code());
        assertTrue(badUser.err().contains("$USER (your staff id when --staff-id is not given)"));
        assertUsage(
                "--staff-id must be 1 to 64 letters",
                "--staff-id",
                "ana smith",
                "request-deletion",
                "--email",
                "a@example.com",
                "--jurisdiction",
                "EU");
    }

    @Test
    void deploymentParametersFromTheEnvironmentAreCheckedWithoutEchoingThem() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("COMPLAINT_ACK_HOURS", "soon-" + SECRET);
        Result result = run(env, "status", REQUEST_ID);
        assertEquals(2, result.code());
        assertTrue(
                result.err().contains("COMPLAINT_ACK_HOURS must be a whole number of hours"),
                result.err());
        assertFalse(result.err().contains("ana.secret"), result.err());
    }

    @Test
    void anUnreachableServiceIsExitThreeWithOneLineAndNoStackTrace() {
        Result result = run("--endpoint-url", UNREACHABLE, "status", REQUEST_ID);
        assertEquals(3, result.code(), result.err());
        assertTrue(
                result.err().startsWith("consent-vault-support: request read failed"),
                result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
        assertEquals("", result.out());
    }

    @Test
    void statusStaysAsShowsAlias() {
        CommandLine line = CommandLines.of(new Cli());
        assertEquals("show", line.getSubcommands().get("status").getCommandName());
    }

    private static void assertUsage(String messageStart, String... args) {
        Result result = run(args);
        assertEquals(2, result.code(), String.join(" ", args) + " -> " + result.err());
        assertTrue(result.err().startsWith("consent-vault-support: " + messageStart), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().contains(" --help')"), result.err());
        assertEquals("", result.out());
    }
}
