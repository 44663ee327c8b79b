package dev.consentvault.core.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where log and metric lines go unless redirected: stdout, which Lambda delivers to CloudWatch
 * Logs. The build sets the system property {@value #FILE_PROPERTY} for its test JVMs, so the
 * functions' lines from a test run land in a file under target/ and Maven's console shows the
 * build's progress.
 */
final class LogSink {

    static final String FILE_PROPERTY = "consentvault.log.file";
    private static final PrintStream STANDARD = open(System.getProperty(FILE_PROPERTY));

    private LogSink() {}

    static PrintStream standard() {
        return STANDARD;
    }

    static PrintStream open(String file) {
        if (file == null || file.isBlank()) {
            return System.out;
        }
        try {
            Path path = Path.of(file).toAbsolutePath();
            Files.createDirectories(path.getParent());
            // one file per test run: the previous run's lines are replaced
            return new PrintStream(
                    new FileOutputStream(path.toFile()), true, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println(
                    "log lines go to stdout: " + file + " cannot be written (" + e + ")");
            return System.out;
        }
    }
}
