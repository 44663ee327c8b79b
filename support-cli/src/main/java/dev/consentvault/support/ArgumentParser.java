package dev.consentvault.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits the command line into global options (anywhere), the command, its options and its
 * positional argument. Options take their value as the next argument or after '=' ({@code
 * --message=--odd}); "--" ends the options. It checks the shape only; what each command requires is
 * checked by {@link Commands}. Error messages never repeat an argument's value: it may be someone's
 * email address.
 */
final class ArgumentParser {

    private static final Pattern COMMAND_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,40}");
    private static final Pattern OPTION_LIKE = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]{0,40}");

    private ArgumentParser() {}

    static Invocation parse(List<String> args) throws UsageException {
        CommandSpec command = null;
        Map<String, String> globals = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<String> positionals = new ArrayList<>();
        boolean help = false;
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                if (command == null) {
                    command =
                            CommandSpec.named(arg)
                                    .orElseThrow(
                                            () ->
                                                    new UsageException(
                                                            COMMAND_LIKE.matcher(arg).matches()
                                                                    ? "unknown command '"
                                                                            + arg
                                                                            + "'"
                                                                    : "unknown command",
                                                            null));
                } else {
                    positionals.add(arg);
                }
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String inline = name.equals(arg) ? null : arg.substring(equals + 1);
            Optional<Option> global = CommandSpec.globalOption(name);
            Optional<Option> own = command == null ? Optional.empty() : command.option(name);
            Option option =
                    global.or(() -> own).orElseThrow(() -> unknownOption(name, command(args)));
            String value = null;
            if (option.takesValue()) {
                if (inline != null) {
                    value = inline;
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(
                            name + " needs a value (" + option.value() + ")", command);
                }
            } else if (inline != null) {
                throw new UsageException(name + " takes no value", command);
            }
            boolean repeated =
                    global.isPresent()
                            ? globals.containsKey(name) || flags.contains(name)
                            : values.containsKey(name) || flags.contains(name);
            if (repeated) {
                throw new UsageException(name + " is given twice", command);
            }
            if (value == null) {
                flags.add(name);
            } else if (global.isPresent()) {
                globals.put(name, value);
            } else {
                values.put(name, value);
            }
        }
        if (!help && command != null) {
            checkPositionals(command, positionals);
        }
        return new Invocation(command, globals, values, flags, positionals, help);
    }

    private static void checkPositionals(CommandSpec command, List<String> positionals)
            throws UsageException {
        if (command.positional() == null && !positionals.isEmpty()) {
            throw new UsageException(
                    command.commandName() + " takes no arguments besides its options", command);
        }
        if (command.positional() != null && positionals.size() > 1) {
            throw new UsageException(
                    command.commandName() + " takes one " + command.positional(), command);
        }
        if (command.positional() != null && positionals.isEmpty() && command != CommandSpec.HELP) {
            throw new UsageException("missing " + command.positional(), command);
        }
    }

    /** An option of another command, or one given before its command, is named as such. */
    private static UsageException unknownOption(String name, CommandSpec command) {
        if (command != null && command.option(name).isPresent()) {
            return new UsageException(name + " must come after the command name", command);
        }
        String shown =
                OPTION_LIKE.matcher(name).matches() ? "unknown option " + name : "unknown option";
        return new UsageException(
                command == null ? shown : shown + " for " + command.commandName(), command);
    }

    /**
     * The command named anywhere on the line, for the usage shown with an error found before it.
     */
    private static CommandSpec command(List<String> args) {
        return args.stream()
                .map(CommandSpec::named)
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(null);
    }
}
