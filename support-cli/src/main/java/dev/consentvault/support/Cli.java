package dev.consentvault.support;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * The command-line surface: the tool, its global options (given before or after the command) and
 * one class per command with its options and help text. Each command checks what was typed
 * completely and returns the work to do ({@link #prepare}); a usage error never costs a call to
 * AWS.
 */
@Command(
        name = Cli.PROGRAM,
        customSynopsis = Cli.PROGRAM + " [global options] COMMAND [options]",
        description = {
            "Consent Vault support tool: file and track privacy requests, answer access requests,"
                    + " audit the ledger, read the consent figures and write the monthly report.",
            "Uses your own AWS credentials (--profile, or the usual AWS environment)."
        },
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nGlobal options (before or after the command):%n",
        footer = {
            "",
            "Environment: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, AWS_PROFILE,"
                    + " AWS_REGION, AWS_ENDPOINT_URL as for any AWS tool; COMPLAINT_ACK_HOURS and"
                    + " PRIVACY_PROOF_RETENTION when the stack was deployed with other"
                    + " ComplaintAcknowledgementHours / PrivacyProofRetention than 72 / P3Y;"
                    + " PURPOSES_FILE or PURPOSES_JSON when it uses another purposes catalogue.",
            "",
            "Exit codes: 0 done; 1 not found or refused; 2 usage error; 3 an AWS service failed;"
                    + " 4 the request is COMPLETED or CLOSED already (nothing more can be done)."
                    + " With --json an error is a JSON object on stdout: {\"error\", \"exitCode\"}.",
            "Run '" + Cli.PROGRAM + " COMMAND --help' for a command's options."
        },
        subcommands = {
            Cli.RequestDeletion.class,
            Cli.FileComplaint.class,
            Cli.Show.class,
            Cli.ListOverdue.class,
            Cli.Extend.class,
            Cli.Verify.class,
            Cli.Acknowledge.class,
            Cli.Close.class,
            Cli.Export.class,
            Cli.CheckSuppression.class,
            Accountability.Audit.class,
            Accountability.Stats.class,
            Accountability.Report.class,
            Cli.Capacity.class,
            Cli.Notice.class,
            Cli.Help.class
        })
final class Cli {

    static final String PROGRAM = "consent-vault-support";

    @Option(
            names = "--stack",
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            description =
                    "the deployed stack (default " + StackNames.LOCAL_STACK + ", the local run's)")
    String stack;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            scope = ScopeType.INHERIT,
            description = "AWS region (default: AWS_REGION, the profile's region, us-east-1)")
    String region;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            description = "AWS profile with your own credentials (SSO, role or keys)")
    String profile;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            description = "send every AWS call here (the local cloud: http://127.0.0.1:4566)")
    String endpointUrl;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "machine-readable output, errors included")
    boolean json;

    @Option(
            names = "--staff-id",
            paramLabel = "ID",
            scope = ScopeType.INHERIT,
            description = "who you are, recorded on what you file or reveal (default: $USER)")
    String staffId;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            scope = ScopeType.INHERIT,
            description = "this help; after a command, that command's help")
    boolean help;

    /** What a command is run with besides its own options. */
    record Context(Cli tool, Map<String, String> env) {

        String staff() throws UsageException {
            return Checks.staff(tool.staffId, env);
        }
    }

    /** A command: checks its options completely, then returns the work to do. */
    interface Prepared {
        Commands.Task prepare(Context context) throws UsageException;
    }

    @Command(
            name = "request-deletion",
            customSynopsis = {
                PROGRAM + " [global options] request-deletion",
                "    (--email E | --phone P | --receipt RECEIPT_ID) --identity-verified",
                "    [--jurisdiction J] [--ticket T]"
            },
            description = {
                "File a deletion (erasure) request for a subject and queue it.",
                "",
                "It erases everything held about the person, so it needs proof that whoever asks"
                        + " controls the identifier: verify the requester's identity first, then"
                        + " confirm it with --identity-verified. Anyone can type an email address.",
                "",
                "The subject is named by one identifier; the deletion processor follows it to every"
                        + " receipt of the same person. The identifier is turned into its subject"
                        + " key here and never leaves this machine in clear: not in the request"
                        + " record, not on the queue, not in this command's output. --jurisdiction"
                        + " is required with --email or --phone; with --receipt it defaults to the"
                        + " receipt's."
            })
    static final class RequestDeletion implements Prepared {
        @Option(names = "--email", paramLabel = "E", description = "the subject's email address")
        String email;

        @Option(
                names = "--phone",
                paramLabel = "P",
                description = "the subject's phone number, international format (+34600000000)")
        String phone;

        @Option(
                names = "--receipt",
                paramLabel = "RECEIPT_ID",
                description = "a receipt id the subject gave")
        String receipt;

        @Option(
                names = "--identity-verified",
                description = "you verified that the person controls that identifier or receipt")
        boolean identityVerified;

        @Option(
                names = "--jurisdiction",
                paramLabel = "J",
                description = "where the subject is: EU, GB, US-CA (CCPA clock) ...")
        String jurisdiction;

        @Option(
                names = "--ticket",
                paramLabel = "T",
                description = "the support ticket this request came from")
        String ticket;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            Checks.Subject subject = Checks.subject(email, phone, receipt);
            String where = Checks.jurisdiction(jurisdiction, subject.receiptId() == null);
            String ticketRef = Checks.text("--ticket", ticket, Checks.MAX_TEXT, false);
            String staff = context.staff();
            Checks.confirmed(
                    identityVerified,
                    "a deletion erases everything held about the person: verify the requester"
                            + " controls the identifier first, then confirm it with --identity-verified");
            return Commands.requestDeletion(subject, where, ticketRef, staff);
        }
    }

    @Command(
            name = "file-complaint",
            customSynopsis = {
                PROGRAM + " [global options] file-complaint --message M [--contact C]",
                "    [--receipt RECEIPT_ID --identity-verified] [--jurisdiction J] [--ticket T]"
            },
            description = {
                "File a complaint for the complaint processor to sort and open.",
                "",
                "The contact and message are sealed (encrypted) in the request record. A complaint"
                        + " needs a way to answer it: --contact or --ticket. --jurisdiction is"
                        + " required unless --receipt gives it. A complaint that names a receipt"
                        + " counts as coming from its holder: if it asks for erasure, the complaint"
                        + " processor files the deletion at once. So --receipt needs"
                        + " --identity-verified."
            })
    static final class FileComplaint implements Prepared {
        @Option(
                names = "--message",
                paramLabel = "M",
                description = "what the person complains about (up to 4000 characters)")
        String message;

        @Option(
                names = "--contact",
                paramLabel = "C",
                description = "an email address or international phone number to answer")
        String contact;

        @Option(
                names = "--receipt",
                paramLabel = "RECEIPT_ID",
                description = "the receipt the complaint is about")
        String receipt;

        @Option(
                names = "--identity-verified",
                description = "you verified that the person holds that receipt")
        boolean identityVerified;

        @Option(
                names = "--jurisdiction",
                paramLabel = "J",
                description = "where the person is: EU, GB, US-CA ...")
        String jurisdiction;

        @Option(
                names = "--ticket",
                paramLabel = "T",
                description = "the support ticket this complaint came from")
        String ticket;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            String text = Checks.text("--message", message, Checks.MAX_MESSAGE, true);
            String answerTo = Checks.contact(contact);
            String receiptId = receipt == null ? null : Checks.receiptId(receipt);
            Checks.confirmed(
                    receiptId == null || identityVerified,
                    "a complaint naming a receipt is treated as its holder's (an erasure complaint"
                            + " deletes at once): verify the person holds it, then add --identity-verified");
            String where = Checks.jurisdiction(jurisdiction, receiptId == null);
            String ticketRef = Checks.text("--ticket", ticket, Checks.MAX_TEXT, false);
            Checks.confirmed(
                    answerTo != null || ticketRef != null,
                    "a complaint needs a way to answer it: give --contact or --ticket");
            return Commands.fileComplaint(
                    receiptId, text, answerTo, where, ticketRef, context.staff());
        }
    }

    @Command(
            name = "show",
            aliases = "status",
            customSynopsis = PROGRAM + " [global options] show REQUEST_ID [--reveal]",
            description = {
                "Show a request, its deadlines and whether it is overdue.",
                "",
                "Without --reveal nothing personal is shown. --reveal opens what the person wrote:"
                        + " a complaint's contact and message (or a deletion's message), so you can"
                        + " answer it. Each reveal is recorded on the request first, with your staff"
                        + " id and the time. Once a request is completed or closed its details are"
                        + " gone."
            })
    static final class Show implements Prepared {
        @Parameters(paramLabel = "REQUEST_ID", description = "the request's id")
        String requestId;

        @Option(
                names = "--reveal",
                description = "also print the sealed contact and message (recorded on the request)")
        boolean reveal;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            String id = Checks.requestId(requestId);
            return reveal ? Commands.reveal(id, context.staff()) : Commands.show(id);
        }
    }

    @Command(
            name = "notice",
            customSynopsis = PROGRAM + " [global options] notice list",
            description = "The privacy notice versions of the stack's purposes catalogue.",
            subcommands = Cli.NoticeList.class)
    static final class Notice implements Prepared {
        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            throw new UsageException("notice needs a command: list");
        }
    }

    @Command(
            name = "list",
            customSynopsis = PROGRAM + " [global options] notice list",
            description = {
                "List the notice versions: effective date, whether each is a material change (and"
                        + " for which purposes), how many live receipts were captured on it and how"
                        + " many of them need re-consent.",
                "",
                "A receipt needs re-consent when a later material version in effect affects a"
                        + " purpose it still grants. Reads the catalogue the functions use"
                        + " (PURPOSES_FILE or PURPOSES_JSON when the stack sets one) and scans the"
                        + " consent table for notice versions, purpose ids and statuses only."
            })
    static final class NoticeList implements Prepared {
        @Override
        public Commands.Task prepare(Context context) {
            return Commands.noticeList();
        }
    }

    @Command(
            name = "list-overdue",
            customSynopsis = PROGRAM + " [global options] list-overdue [--all]",
            description =
                    "List open requests past their due date, or unacknowledged past acknowledge-by,"
                            + " then processor notices (erasure, withdrawal) not acknowledged by"
                            + " their due date.")
    static final class ListOverdue implements Prepared {
        @Option(
                names = "--all",
                description = "list every open request and every notice still owed, overdue or not")
        boolean all;

        @Override
        public Commands.Task prepare(Context context) {
            return Commands.listOverdue(all);
        }
    }

    @Command(
            name = "check-suppression",
            customSynopsis = PROGRAM + " [global options] check-suppression FILE",
            description = {
                "Screen an import or a processor sync (one email or E.164 phone per line) against"
                        + " the suppression list of erased people.",
                "",
                "Prints the numbers of the lines that are listed, never the identifiers; exits 1"
                        + " when any is. Remove those lines before importing or syncing."
            })
    static final class CheckSuppression implements Prepared {
        @Parameters(paramLabel = "FILE", description = "the file to screen, '-' for stdin")
        String file;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            try {
                List<String> lines =
                        "-".equals(file)
                                ? new String(
                                                System.in.readAllBytes(),
                                                java.nio.charset.StandardCharsets.UTF_8)
                                        .lines()
                                        .toList()
                                : java.nio.file.Files.readAllLines(java.nio.file.Path.of(file));
                return Commands.checkSuppression(lines);
            } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                throw new UsageException(
                        "cannot read " + file + ": " + e.getClass().getSimpleName());
            }
        }
    }

    @Command(
            name = "extend",
            customSynopsis = PROGRAM + " [global options] extend REQUEST_ID --reason R",
            description = {
                "Extend a request's due date once (GDPR: by two months; CCPA: to 90 days).",
                "",
                "Refused when the request was extended already or is no longer open. Tell the"
                        + " person why. The reason is removed, like the ticket, when the request is"
                        + " completed or closed."
            })
    static final class Extend implements Prepared {
        @Parameters(paramLabel = "REQUEST_ID", description = "the request's id")
        String requestId;

        @Option(
                names = "--reason",
                paramLabel = "R",
                description = "why more time is needed (recorded with the request)")
        String reason;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            return Commands.extend(
                    Checks.requestId(requestId),
                    Checks.text("--reason", reason, Checks.MAX_TEXT, true));
        }
    }

    @Command(
            name = "verify",
            customSynopsis = PROGRAM + " [global options] verify REQUEST_ID --identity-verified",
            description = {
                "Run a deletion that waited for identity verification (e.g. filed by an erasure"
                        + " complaint).",
                "",
                "Verify that the requester is the subject first, then confirm it with"
                        + " --identity-verified."
            })
    static final class Verify implements Prepared {
        @Parameters(paramLabel = "REQUEST_ID", description = "the deletion request's id")
        String requestId;

        @Option(
                names = "--identity-verified",
                description = "you verified that the requester is the subject")
        boolean identityVerified;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            String id = Checks.requestId(requestId);
            Checks.confirmed(
                    identityVerified,
                    "verify the requester's identity first, then confirm it with --identity-verified");
            return Commands.verify(id, context.staff());
        }
    }

    @Command(
            name = "acknowledge",
            customSynopsis = PROGRAM + " [global options] acknowledge REQUEST_ID",
            description = "Record that the person was told their request is being handled.")
    static final class Acknowledge implements Prepared {
        @Parameters(paramLabel = "REQUEST_ID", description = "the request's id")
        String requestId;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            return Commands.acknowledge(Checks.requestId(requestId));
        }
    }

    @Command(
            name = "capacity",
            customSynopsis = PROGRAM + " [global options] capacity --expect N/s [--apply]",
            description = {
                "What a burst of N sign-ups per second needs, before a campaign launches.",
                "",
                "From the write units a sign-up costs (measured: docs/capacity.md): the consent"
                        + " table's and each index's warm write throughput, the receipt keys"
                        + " table's, the capture function's concurrency and the API's capture"
                        + " limits. Prints them and the deploy parameters; --apply pre-warms the"
                        + " tables and indexes now (do it a day ahead: it takes minutes, costs a"
                        + " one-off charge, and warm throughput cannot be lowered)."
            })
    static final class Capacity implements Prepared {
        @Option(
                names = "--expect",
                paramLabel = "N/s",
                required = true,
                description = "sign-ups per second expected at the peak, e.g. 5000/s")
        String expect;

        @Option(names = "--apply", description = "pre-warm the tables and indexes now")
        boolean apply;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            return Commands.capacity(new CapacityPlan(Checks.rate(expect)), apply);
        }
    }

    @Command(
            name = "close",
            customSynopsis = PROGRAM + " [global options] close REQUEST_ID",
            description = {
                "Close an answered complaint; only a proof without personal data is kept.",
                "",
                "Its contact, message, ticket and extension reason are deleted. Deletions are"
                        + " completed by the deletion processor, not closed by hand."
            })
    static final class Close implements Prepared {
        @Parameters(paramLabel = "REQUEST_ID", description = "the complaint's id")
        String requestId;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            return Commands.close(Checks.requestId(requestId));
        }
    }

    @Command(
            name = "export",
            customSynopsis = {
                PROGRAM + " [global options] export (--email E | --phone P | --receipt RECEIPT_ID)",
                "    --identity-verified [--jurisdiction J] [--ticket T]"
            },
            description = {
                "Access request: print the subject's records, decrypted, as JSON on stdout.",
                "",
                "This prints the subject's personal data. Verify the requester's identity first,"
                        + " then confirm it with --identity-verified. Send the output to the person"
                        + " through the ticket's secure channel; do not keep copies. The answered"
                        + " access request is recorded (without personal data) and its id is in the"
                        + " output as accessRequest.requestId."
            })
    static final class Export implements Prepared {
        @Option(names = "--email", paramLabel = "E", description = "the subject's email address")
        String email;

        @Option(
                names = "--phone",
                paramLabel = "P",
                description = "the subject's phone number, international format")
        String phone;

        @Option(
                names = "--receipt",
                paramLabel = "RECEIPT_ID",
                description = "a receipt id the subject gave")
        String receipt;

        @Option(
                names = "--identity-verified",
                description = "you verified that the requester is the subject")
        boolean identityVerified;

        @Option(
                names = "--jurisdiction",
                paramLabel = "J",
                description = "whose deadline applies (default: the receipts', else EU)")
        String jurisdiction;

        @Option(
                names = "--ticket",
                paramLabel = "T",
                description = "your support ticket, recorded with the request")
        String ticket;

        @Override
        public Commands.Task prepare(Context context) throws UsageException {
            Checks.Subject subject = Checks.subject(email, phone, receipt);
            Checks.confirmed(
                    identityVerified,
                    "export prints the subject's personal data: verify the requester's identity"
                            + " first, then run it again with --identity-verified");
            return Commands.export(
                    subject,
                    Checks.jurisdiction(jurisdiction, false),
                    Checks.text("--ticket", ticket, Checks.MAX_TEXT, false),
                    context.staff());
        }
    }

    /** Answered by {@link SupportCli} without a stack. */
    @Command(
            name = "help",
            customSynopsis = PROGRAM + " [global options] help [COMMAND]",
            description = "Show the help of the tool or of one command.")
    static final class Help {
        @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "a command's name")
        String command;
    }
}
