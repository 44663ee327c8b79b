package dev.consentvault.support;

import dev.consentvault.core.log.JsonLog;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * {@code consent-vault-support}: the support staff's tool for privacy requests, run with their own
 * AWS credentials. Exit codes: 0 done; 1 not found or refused; 2 usage error; 3 an AWS service
 * failed. Failures are one line on stderr, never a stack trace: the tool is used by people, not
 * developers.
 */
public final class SupportCli {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int FAILED = 3;

    private SupportCli() {}

    public static void main(String[] args) {
        // stdout carries the command's answer (JSON with --json): any diagnostic line goes to
        // stderr
        JsonLog.redirect(System.err);
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** With the environment given (credentials, region, USER), so tests run it in-process. */
    public static int run(
            String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Invocation invocation;
        Commands.Task task;
        Target target;
        try {
            invocation = ArgumentParser.parse(Arrays.asList(args));
            if (invocation.help() || invocation.command() == CommandSpec.HELP) {
                return help(invocation, out, err);
            }
            if (invocation.command() == null) {
                throw new UsageException("no command given", null);
            }
            task = Commands.prepare(invocation, env);
            target = Target.resolve(invocation, env);
        } catch (UsageException e) {
            err.println(CommandSpec.PROGRAM + ": " + e.getMessage());
            err.println();
            err.print(e.command() == null ? CommandSpec.toolUsage() : e.command().usage());
            return USAGE;
        }
        // milliseconds, as the functions record their instants
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
        try (StackServices services = new StackServices(target, env, clock)) {
            return task.run(services, new Output(out, invocation.json()));
        } catch (RefusedException e) {
            err.println(CommandSpec.PROGRAM + ": " + e.getMessage());
            return REFUSED;
        } catch (RuntimeException e) {
            err.println(CommandSpec.PROGRAM + ": " + failure(e, target));
            return FAILED;
        }
    }

    private static int help(Invocation invocation, PrintStream out, PrintStream err) {
        CommandSpec about = invocation.command();
        if (about == CommandSpec.HELP && !invocation.positionals().isEmpty()) {
            about = CommandSpec.named(invocation.positionals().get(0)).orElse(null);
            if (about == null) {
                err.println(CommandSpec.PROGRAM + ": help: unknown command");
                err.println();
                err.print(CommandSpec.toolUsage());
                return USAGE;
            }
        }
        out.print(
                about == null || about == CommandSpec.HELP
                        ? CommandSpec.toolUsage()
                        : about.usage());
        return OK;
    }

    /**
     * One line: what failed and why, and a hint when the stack's resources are simply not where we
     * looked.
     */
    static String failure(RuntimeException e, Target target) {
        StringBuilder line =
                new StringBuilder(
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null) {
            // the SDK lists every provider it tried; staff need to know what to do instead
            line.append(" (")
                    .append(
                            root.getMessage().startsWith("Unable to load credentials")
                                    ? "no AWS credentials found: use --profile, or set AWS_PROFILE or AWS_ACCESS_KEY_ID"
                                    : root.getMessage())
                    .append(')');
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ResourceNotFoundException || t instanceof NotFoundException) {
                line.append(" - is stack ")
                        .append(target.names().stack())
                        .append(" deployed in ")
                        .append(target.region())
                        .append(target.endpointUrl() == null ? "" : " at " + target.endpointUrl())
                        .append("? (--stack, --region)");
                break;
            }
        }
        return line.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
