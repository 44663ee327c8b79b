package dev.consentvault.support;

import static dev.consentvault.support.Option.flag;
import static dev.consentvault.support.Option.valued;

import java.util.List;
import java.util.Optional;

/** The commands, their options and their help text: the whole command-line surface in one place. */
enum CommandSpec {
    REQUEST_DELETION(
            "request-deletion",
            "File a deletion (erasure) request for a subject; the stack queues it.",
            "(--email E | --phone P | --receipt RECEIPT_ID) [--jurisdiction J] [--ticket T]",
            null,
            """
            The subject is named by one identifier; the deletion processor follows it to every receipt of the
            same person. The identifier is turned into its subject key here and never leaves this machine in
            clear: not in the request record, not on the queue, not in this command's output.
            --jurisdiction is required with --email or --phone; with --receipt it defaults to the receipt's.""",
            List.of(
                    valued("--email", "E", "the subject's email address"),
                    valued(
                            "--phone",
                            "P",
                            "the subject's phone number, international format (+34600000000)"),
                    valued("--receipt", "RECEIPT_ID", "a receipt id the subject gave"),
                    valued(
                            "--jurisdiction",
                            "J",
                            "where the subject is: EU, GB, US-CA (CCPA clock) ..."),
                    valued("--ticket", "T", "the support ticket this request came from"))),

    FILE_COMPLAINT(
            "file-complaint",
            "File a complaint for the complaint processor to sort and open.",
            "--message M [--contact C] [--receipt RECEIPT_ID --identity-verified] [--jurisdiction J] [--ticket T]",
            null,
            """
            The contact and message are sealed (encrypted) in the request record. A complaint needs a way to
            answer it: --contact or --ticket. --jurisdiction is required unless --receipt gives it.
            A complaint that names a receipt counts as coming from its holder: if it asks for erasure, the
            complaint processor files the deletion at once. So --receipt needs --identity-verified.""",
            List.of(
                    valued(
                            "--message",
                            "M",
                            "what the person complains about (up to 4000 characters)"),
                    valued(
                            "--contact",
                            "C",
                            "an email address or international phone number to answer"),
                    valued("--receipt", "RECEIPT_ID", "the receipt the complaint is about"),
                    flag("--identity-verified", "you verified that the person holds that receipt"),
                    valued("--jurisdiction", "J", "where the person is: EU, GB, US-CA ..."),
                    valued("--ticket", "T", "the support ticket this complaint came from"))),

    STATUS(
            "status",
            "Show a request, its deadlines and whether it is overdue.",
            "REQUEST_ID",
            "REQUEST_ID",
            null,
            List.of()),

    LIST_OVERDUE(
            "list-overdue",
            "List open requests past their due date, or unacknowledged past acknowledge-by.",
            "[--all]",
            null,
            null,
            List.of(flag("--all", "list every open request, overdue or not"))),

    EXTEND(
            "extend",
            "Extend a request's due date once (GDPR: by two months; CCPA: to 90 days).",
            "REQUEST_ID --reason R",
            "REQUEST_ID",
            "Refused when the request was extended already or is no longer open. Tell the person why.",
            List.of(
                    valued(
                            "--reason",
                            "R",
                            "why more time is needed (recorded with the request)"))),

    VERIFY(
            "verify",
            "Run a deletion that waited for identity verification (e.g. filed by an erasure complaint).",
            "REQUEST_ID --identity-verified",
            "REQUEST_ID",
            "Verify that the requester is the subject first, then confirm it with --identity-verified.",
            List.of(flag("--identity-verified", "you verified that the requester is the subject"))),

    ACKNOWLEDGE(
            "acknowledge",
            "Record that the person was told their request is being handled.",
            "REQUEST_ID",
            "REQUEST_ID",
            null,
            List.of()),

    CLOSE(
            "close",
            "Close an answered complaint; only a proof without personal data is kept.",
            "REQUEST_ID",
            "REQUEST_ID",
            "Deletions are completed by the deletion processor, not closed by hand.",
            List.of()),

    EXPORT(
            "export",
            "Access request: print the subject's records, decrypted, as JSON on stdout.",
            "(--email E | --phone P | --receipt RECEIPT_ID) --identity-verified",
            null,
            """
            This is the only command that shows personal data. Verify the requester's identity first, then
            confirm it with --identity-verified. Send the output to the person through the ticket's secure
            channel; do not keep copies. The answered access request is recorded (without personal data)
            and its id is in the output as accessRequest.requestId.""",
            List.of(
                    valued("--email", "E", "the subject's email address"),
                    valued("--phone", "P", "the subject's phone number, international format"),
                    valued("--receipt", "RECEIPT_ID", "a receipt id the subject gave"),
                    flag("--identity-verified", "you verified that the requester is the subject"),
                    valued(
                            "--jurisdiction",
                            "J",
                            "whose deadline applies (default: the receipts', else EU)"),
                    valued("--ticket", "T", "your support ticket, recorded with the request"))),

    HELP(
            "help",
            "Show the help of the tool or of one command.",
            "[COMMAND]",
            "COMMAND",
            null,
            List.of());

    static final String PROGRAM = "consent-vault-support";

    static final List<Option> GLOBAL_OPTIONS =
            List.of(
                    valued(
                            "--stack",
                            "NAME",
                            "the deployed stack (default "
                                    + StackNames.LOCAL_STACK
                                    + ", the local run's)"),
                    valued(
                            "--region",
                            "REGION",
                            "AWS region (default: AWS_REGION, the profile's region, us-east-1)"),
                    valued(
                            "--profile",
                            "NAME",
                            "AWS profile with your own credentials (SSO, role or keys)"),
                    valued(
                            "--endpoint-url",
                            "URL",
                            "send every AWS call here (the local cloud: http://127.0.0.1:4566)"),
                    flag("--json", "machine-readable output"),
                    valued(
                            "--staff-id",
                            "ID",
                            "who you are, recorded on requests you file (default: $USER)"),
                    flag("--help", "this help; after a command, that command's help (also -h)"));

    private final String commandName;
    private final String summary;
    private final String synopsis;
    private final String positional;
    private final String details;
    private final List<Option> options;

    CommandSpec(
            String commandName,
            String summary,
            String synopsis,
            String positional,
            String details,
            List<Option> options) {
        this.commandName = commandName;
        this.summary = summary;
        this.synopsis = synopsis;
        this.positional = positional;
        this.details = details;
        this.options = options;
    }

    String commandName() {
        return commandName;
    }

    /** The name of the one positional argument the command takes, or null when it takes none. */
    String positional() {
        return positional;
    }

    Optional<Option> option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    static Optional<CommandSpec> named(String name) {
        for (CommandSpec command : values()) {
            if (command.commandName.equals(name)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    static Optional<Option> globalOption(String name) {
        return GLOBAL_OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    String usage() {
        StringBuilder text =
                new StringBuilder()
                        .append("Usage: ")
                        .append(PROGRAM)
                        .append(" [global options] ")
                        .append(commandName)
                        .append(synopsis.isEmpty() ? "" : " " + synopsis)
                        .append("\n\n")
                        .append(summary)
                        .append('\n');
        if (details != null) {
            text.append('\n').append(details.strip()).append('\n');
        }
        if (!options.isEmpty()) {
            text.append("\nOptions:\n");
            appendOptions(text, options);
        }
        return text.append("\nGlobal options: see ").append(PROGRAM).append(" --help\n").toString();
    }

    static String toolUsage() {
        StringBuilder text =
                new StringBuilder()
                        .append("Usage: ")
                        .append(PROGRAM)
                        .append(" [global options] COMMAND [options]\n\n")
                        .append(
                                "Consent Vault support tool: file and track privacy requests, answer access requests.\n")
                        .append(
                                "Uses your own AWS credentials (--profile, or the usual AWS environment).\n\nCommands:\n");
        int width = 0;
        for (CommandSpec command : values()) {
            width = Math.max(width, command.commandName.length());
        }
        for (CommandSpec command : values()) {
            text.append("  ")
                    .append(pad(command.commandName, width))
                    .append("  ")
                    .append(command.summary)
                    .append('\n');
        }
        text.append("\nGlobal options (before or after the command):\n");
        appendOptions(text, GLOBAL_OPTIONS);
        return text.append(
                        """

                Environment: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, AWS_PROFILE, AWS_REGION,
                AWS_ENDPOINT_URL as for any AWS tool; COMPLAINT_ACK_HOURS and PRIVACY_PROOF_RETENTION when the
                stack was deployed with other ComplaintAcknowledgementHours / PrivacyProofRetention than 72 / P3Y.

                Exit codes: 0 done; 1 not found or refused; 2 usage error; 3 an AWS service failed.
                Run '""")
                .append(PROGRAM)
                .append(" COMMAND --help' for a command's options.\n")
                .toString();
    }

    private static void appendOptions(StringBuilder text, List<Option> options) {
        int width = 0;
        for (Option option : options) {
            width = Math.max(width, option.synopsis().length());
        }
        for (Option option : options) {
            text.append("  ")
                    .append(pad(option.synopsis(), width))
                    .append("  ")
                    .append(option.description())
                    .append('\n');
        }
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }
}
