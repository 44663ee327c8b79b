package dev.consentvault.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSinkTest {

    @Test
    void withoutTheBuildsPropertyLinesGoToStdoutAsInLambda() {
        assertSame(System.out, LogSink.open(null));
        assertSame(System.out, LogSink.open(" "));
    }

    @Test
    void theBuildsTestJvmsWriteToTheNamedFileFreshEachRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("target/function-logs.jsonl");
        try (PrintStream first = LogSink.open(file.toString())) {
            first.println("{\"run\":1}");
        }
        try (PrintStream second = LogSink.open(file.toString())) {
            second.println("{\"run\":2}");
        }
        assertEquals("{\"run\":2}\n", Files.readString(file, StandardCharsets.UTF_8));
    }
}
