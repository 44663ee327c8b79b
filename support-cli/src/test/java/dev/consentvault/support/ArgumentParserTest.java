package dev.consentvault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {

    private static Invocation parse(String... args) throws UsageException {
        return ArgumentParser.parse(List.of(args));
    }

    @Test
    void globalOptionsGoBeforeOrAfterTheCommand() throws Exception {
        Invocation before =
                parse(
                        "--stack",
                        "prod",
                        "--json",
                        "status",
                        "0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a");
        Invocation after =
                parse(
                        "status",
                        "0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a",
                        "--stack",
                        "prod",
                        "--json");
        for (Invocation invocation : List.of(before, after)) {
            assertEquals(CommandSpec.STATUS, invocation.command());
            assertEquals("prod", invocation.global("--stack"));
            assertTrue(invocation.json());
            assertEquals(List.of("0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a"), invocation.positionals());
        }
    }

    @Test
    void valuesComeNextOrAfterAnEqualsSign() throws Exception {
        Invocation invocation =
                parse(
                        "file-complaint",
                        "--message=--not an option--",
                        "--jurisdiction",
                        "EU",
                        "--endpoint-url=http://127.0.0.1:4566");
        assertEquals("--not an option--", invocation.value("--message"));
        assertEquals("EU", invocation.value("--jurisdiction"));
        assertEquals("http://127.0.0.1:4566", invocation.global("--endpoint-url"));
    }

    @Test
    void aValueMayStartWithOneDashButAnOptionIsNotTakenAsAValue() throws Exception {
        assertEquals(
                "-1 point",
                parse("extend", "0b8e0c1e-8d5e-4a8e-9d3c-1f2e3d4c5b6a", "--reason", "-1 point")
                        .value("--reason"));
        UsageException e =
                assertThrows(
                        UsageException.class,
                        () -> parse("request-deletion", "--email", "--jurisdiction", "EU"));
        assertEquals("--email needs a value (E)", e.getMessage());
        assertEquals(CommandSpec.REQUEST_DELETION, e.command());
    }

    @Test
    void doubleDashEndsTheOptions() throws Exception {
        assertEquals(List.of("--weird"), parse("status", "--", "--weird").positionals());
    }

    @Test
    void helpWinsOverMissingArguments() throws Exception {
        Invocation invocation = parse("extend", "-h");
        assertTrue(invocation.help());
        assertEquals(CommandSpec.EXTEND, invocation.command());
        assertTrue(parse("--help").help());
        assertNull(parse("--help").command());
    }

    @Test
    void shapeErrorsNameTheProblemAndTheCommand() {
        assertUsage("unknown command 'frobnicate'", null, "frobnicate");
        assertUsage("unknown command", null, "ana@example.com");
        assertUsage(
                "unknown option --emial for request-deletion",
                CommandSpec.REQUEST_DELETION,
                "request-deletion",
                "--emial",
                "x");
        assertUsage("unknown option --all for status", CommandSpec.STATUS, "status", "--all");
        assertUsage(
                "--email must come after the command name",
                CommandSpec.EXPORT,
                "--email",
                "a@b.co",
                "export");
        assertUsage("--json takes no value", null, "--json=yes", "list-overdue");
        assertUsage(
                "--ticket is given twice",
                CommandSpec.REQUEST_DELETION,
                "request-deletion",
                "--ticket",
                "A",
                "--ticket",
                "B");
        assertUsage(
                "--stack is given twice",
                CommandSpec.STATUS,
                "--stack",
                "a",
                "status",
                "--stack",
                "b");
        assertUsage("missing REQUEST_ID", CommandSpec.STATUS, "status");
        assertUsage(
                "extend takes one REQUEST_ID",
                CommandSpec.EXTEND,
                "extend",
                "a",
                "b",
                "--reason",
                "r");
        assertUsage(
                "list-overdue takes no arguments besides its options",
                CommandSpec.LIST_OVERDUE,
                "list-overdue",
                "now");
    }

    @Test
    void errorsNeverRepeatWhatLooksLikePersonalData() {
        UsageException e =
                assertThrows(UsageException.class, () -> parse("status", "-ana@example.com"));
        assertFalse(e.getMessage().contains("ana"), e.getMessage());
    }

    private static void assertUsage(String message, CommandSpec command, String... args) {
        UsageException e =
                assertThrows(UsageException.class, () -> parse(args), String.join(" ", args));
        assertEquals(message, e.getMessage());
        assertEquals(command, e.command());
    }
}
