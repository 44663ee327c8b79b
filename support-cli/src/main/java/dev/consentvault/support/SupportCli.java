package dev.consentvault.support;

import dev.consentvault.core.log.JsonLog;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * {@code consent-vault-support}: the support staff's tool for privacy requests, run with their own
 * AWS credentials. Exit codes: 0 done; 1 not found or refused; 2 usage error; 3 an AWS service
 * failed; 4 the request is completed or closed already. A failure is one line on stderr, or with
 * {@code --json} one JSON object on stdout; never a stack trace, never a value typed back: the tool
 * is used by people, and what they typed may be someone's email address.
 */
public final class SupportCli {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int FAILED = 3;
    public static final int ALREADY_FINAL = 4;

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
        Cli tool = new Cli();
        CommandLine line = CommandLines.of(tool);
        Failure failure = new Failure(out, err, CommandLines.jsonAsked(args));
        CommandLine command = line;
        Commands.Task task;
        Target target;
        try {
            ParseResult parsed = line.parseArgs(args);
            ParseResult sub = parsed.subcommand();
            // a command group ("notice list"): the innermost command does the work
            while (sub != null && sub.subcommand() != null) {
                sub = sub.subcommand();
            }
            command = sub == null ? line : sub.commandSpec().commandLine();
            CommandLines.checkGlobalsOnce(parsed);
            if (parsed.isUsageHelpRequested() || (sub != null && sub.isUsageHelpRequested())) {
                out.print(CommandLines.usage(command));
                return OK;
            }
            if (sub == null) {
                throw new UsageException("no command given");
            }
            if (command.getCommand() instanceof Cli.Help help) {
                return help(line, help, out, failure);
            }
            task = ((Cli.Prepared) command.getCommand()).prepare(new Cli.Context(tool, env));
            target = Target.resolve(tool, env);
        } catch (ParameterException e) {
            return failure.usage(CommandLines.message(e, args), e.getCommandLine());
        } catch (UsageException e) {
            return failure.usage(e.getMessage(), command);
        }
        // milliseconds, as the functions record their instants
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
        try (StackServices services = new StackServices(target, env, clock, actor(tool, env))) {
            return task.run(services, new Output(out, tool.json));
        } catch (AlreadyFinalException e) {
            return failure.report(ALREADY_FINAL, e.getMessage());
        } catch (RefusedException e) {
            return failure.report(REFUSED, e.getMessage());
        } catch (RuntimeException e) {
            return failure.report(FAILED, describe(e, target));
        }
    }

    /** Who runs the tool, when known: recorded on each request they change (for the ledger). */
    private static String actor(Cli tool, Map<String, String> env) {
        try {
            return Checks.staff(tool.staffId, env);
        } catch (UsageException unknown) {
            return null;
        }
    }

    private static int help(CommandLine line, Cli.Help help, PrintStream out, Failure failure) {
        if (help.command == null) {
            out.print(CommandLines.usage(line));
            return OK;
        }
        CommandLine about = line.getSubcommands().get(help.command);
        if (about == null) {
            return failure.usage("help: unknown command", line);
        }
        out.print(CommandLines.usage(about));
        return OK;
    }

    /** How a failure is told: one line on stderr, or a JSON object on stdout with --json. */
    private record Failure(PrintStream out, PrintStream err, boolean json) {

        int usage(String message, CommandLine about) {
            String help =
                    about == null || about.getParent() == null
                            ? Cli.PROGRAM + " --help"
                            : Cli.PROGRAM + " " + about.getCommandName() + " --help";
            return report(USAGE, json ? message : message + " (see '" + help + "')");
        }

        int report(int exitCode, String message) {
            if (json) {
                new Output(out, true)
                        .print(
                                Output.JSON
                                        .createObjectNode()
                                        .put("error", message)
                                        .put("exitCode", exitCode));
            } else {
                err.println(Cli.PROGRAM + ": " + message);
            }
            return exitCode;
        }
    }

    /**
     * One line: what failed and why, and a hint when the stack's resources are simply not where we
     * looked.
     */
    static String describe(RuntimeException e, Target target) {
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
