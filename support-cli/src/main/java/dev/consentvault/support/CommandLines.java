package dev.consentvault.support;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How picocli is set up for this tool, and what it says when a command line is wrong. picocli's own
 * messages quote the arguments ("Unknown option: 'ana@example.com'"); these name the option or
 * command and never repeat a value, which may be someone's email address or phone number.
 */
final class CommandLines {

    /** Names that may be shown back: no @, no spaces, nothing that looks like data. */
    private static final Pattern COMMAND_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,40}");

    private static final Pattern OPTION_LIKE = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]{0,40}");
    private static final int WIDTH = 100;

    private CommandLines() {}

    static CommandLine of(Cli tool) {
        CommandLine line = new CommandLine(tool);
        // "@file" arguments would make picocli read any file named on the line
        line.setExpandAtFiles(false);
        line.setAbbreviatedOptionsAllowed(false);
        line.setAbbreviatedSubcommandsAllowed(false);
        line.setOverwrittenOptionsAllowed(false);
        line.setUsageHelpWidth(WIDTH);
        line.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        for (CommandLine command : line.getSubcommands().values()) {
            command.getCommandSpec().usageMessage().sortOptions(false).width(WIDTH);
            command.getHelpSectionMap()
                    .put(
                            UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
                            help -> ownOptions(help).isEmpty() ? "" : "%nOptions:%n".formatted());
            command.getHelpSectionMap()
                    .put(
                            UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                            help -> help.optionListExcludingGroups(ownOptions(help)));
            command.getHelpSectionMap()
                    .put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> "");
            command.getHelpSectionMap()
                    .put(
                            UsageMessageSpec.SECTION_KEY_FOOTER,
                            help -> "%nGlobal options: see %s --help%n".formatted(Cli.PROGRAM));
        }
        for (CommandLine command : line.getSubcommands().values()) {
            command.getCommandSpec().usageMessage().descriptionHeading("%n");
        }
        // the commands first: they are what a newcomer looks for
        line.getCommandSpec()
                .usageMessage()
                .sortOptions(false)
                .descriptionHeading("%n")
                .sectionKeys(
                        List.of(
                                UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING,
                                UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                                UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING,
                                UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                                UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
                                UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                                UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
                                UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                                UsageMessageSpec.SECTION_KEY_FOOTER));
        return line;
    }

    /** A command's help lists its own options; the global ones are in the tool's help. */
    private static List<OptionSpec> ownOptions(Help help) {
        return help.commandSpec().options().stream().filter(o -> !o.inherited()).toList();
    }

    /**
     * A command's help. Options are shown as "--email E"; the parser keeps picocli's "=" so that
     * "--message=--odd" still works, and after help nothing is parsed any more.
     */
    static String usage(CommandLine command) {
        command.setSeparator(" ");
        return command.getUsageMessage(Help.Ansi.OFF);
    }

    /** Whether --json was given (before "--"), so even a line picocli refuses answers in JSON. */
    static boolean jsonAsked(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--json")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A global option is one setting: given both before and after the command it is refused, as any
     * option given twice is.
     */
    static void checkGlobalsOnce(ParseResult parsed) throws UsageException {
        ParseResult sub = parsed.subcommand();
        if (sub == null) {
            return;
        }
        for (OptionSpec option : parsed.matchedOptions()) {
            if (sub.hasMatchedOption(option.longestName())) {
                throw new UsageException(option.longestName() + " is given twice");
            }
        }
    }

    /** The first argument that names a command, if any. */
    static Optional<CommandLine> named(CommandLine line, List<String> args) {
        return args.stream()
                .map(arg -> line.getSubcommands().get(arg))
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** What was wrong with the line, in words of our own. */
    static String message(ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        boolean atTool = where.getParent() == null;
        if (e instanceof UnmatchedArgumentException unmatched) {
            String first =
                    unmatched.getUnmatched().isEmpty() ? "" : unmatched.getUnmatched().get(0);
            if (first.startsWith("-") && !first.equals("-")) {
                return unknownOption(where, first, args);
            }
            if (atTool) {
                return COMMAND_LIKE.matcher(first).matches()
                        ? "unknown command '" + first + "'"
                        : "unknown command";
            }
            List<PositionalParamSpec> positionals = where.getCommandSpec().positionalParameters();
            return positionals.isEmpty()
                    ? where.getCommandName() + " takes no arguments besides its options"
                    : where.getCommandName() + " takes one " + positionals.get(0).paramLabel();
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec arg = missing.getMissing().get(0);
            if (arg instanceof OptionSpec option) {
                return option.longestName() + " needs a value (" + option.paramLabel() + ")";
            }
            return "missing " + arg.paramLabel();
        }
        if (e instanceof OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " is given twice";
        }
        if (e.getArgSpec() instanceof OptionSpec option) {
            return option.arity().max() == 0
                    ? option.longestName() + " takes no value"
                    : option.longestName() + " has a value it cannot take";
        }
        return "the command line cannot be read";
    }

    /**
     * An option of another command, or one given before its command, is named as such; a value that
     * only starts with a dash (an email typed as "-ana@...") is not repeated.
     */
    private static String unknownOption(CommandLine where, String arg, String[] args) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        boolean atTool = where.getParent() == null;
        if (atTool) {
            Optional<CommandLine> later = named(where, List.of(args));
            OptionSpec own = later.map(c -> c.getCommandSpec().findOption(name)).orElse(null);
            if (own != null && !own.inherited()) {
                return name + " must come after the command name";
            }
        }
        String shown =
                OPTION_LIKE.matcher(name).matches() ? "unknown option " + name : "unknown option";
        return atTool ? shown : shown + " for " + where.getCommandName();
    }
}
