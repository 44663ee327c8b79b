package dev.consentvault.core.config;

import dev.consentvault.core.consent.Controller;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.propagation.Processors;
import dev.consentvault.core.propagation.WithdrawalPropagation;
import dev.consentvault.core.purpose.CatalogueException;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment's settings, read from the environment template.yaml gives each function (and the
 * support CLI its staff's shell): the one place that knows their names, their defaults and their
 * forms. Settings with a default are checked when this is built, so a bad value stops a function at
 * start; a required one is checked when asked for, since each function is given only the ones it
 * uses.
 */
public final class Settings {

    public static final String CONSENT_TABLE = "CONSENT_TABLE";
    public static final String KEYS_TABLE = "KEYS_TABLE";
    public static final String KMS_KEY_ID = "KMS_KEY_ID";
    public static final String PRIVACY_REQUESTS_TABLE = "PRIVACY_REQUESTS_TABLE";
    public static final String AUDIT_TABLE = "AUDIT_TABLE";
    public static final String LEDGER_TABLE = "LEDGER_TABLE";
    public static final String FIGURES_TABLE = "FIGURES_TABLE";
    public static final String REPORTS_BUCKET = "REPORTS_BUCKET";
    public static final String DEAD_LETTER_QUEUES = "DEAD_LETTER_QUEUES";
    public static final String DELETION_QUEUE_URL = "DELETION_QUEUE_URL";
    public static final String COMPLAINT_QUEUE_URL = "COMPLAINT_QUEUE_URL";
    public static final String CAPTURE_BUFFER_QUEUE_URL = "CAPTURE_BUFFER_QUEUE_URL";
    public static final String CAPTURE_WRITE_PATIENCE_MS = "CAPTURE_WRITE_PATIENCE_MS";
    public static final String CONTROLLER_NAME = "CONTROLLER_NAME";
    public static final String CONTROLLER_CONTACT = "CONTROLLER_CONTACT";
    public static final String CONTROLLER_POLICY_URL = "CONTROLLER_POLICY_URL";
    public static final String PURPOSES_JSON = "PURPOSES_JSON";
    public static final String PURPOSES_FILE = "PURPOSES_FILE";
    public static final String COMPLAINT_ACK_HOURS = "COMPLAINT_ACK_HOURS";
    public static final String PRIVACY_PROOF_RETENTION = "PRIVACY_PROOF_RETENTION";
    public static final String WITHDRAWAL_PROOF_RETENTION = "WITHDRAWAL_PROOF_RETENTION";
    public static final String AUDIT_RETENTION = "AUDIT_RETENTION";
    public static final String DISPATCH_SWEEP_AFTER = "DISPATCH_SWEEP_AFTER";
    public static final String FALLBACK_JURISDICTION = "FALLBACK_JURISDICTION";
    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";
    public static final String CONFIRMATION_WINDOW_DAYS = "CONFIRMATION_WINDOW_DAYS";
    public static final String SENDER_ADDRESS = "SENDER_ADDRESS";
    public static final int DEFAULT_CONFIRMATION_WINDOW_DAYS = 7;
    public static final String WITHDRAWAL_NOTICE_DAYS = "WITHDRAWAL_NOTICE_DAYS";

    /** The template's CaptureWritePatienceMs default. */
    public static final Duration DEFAULT_CAPTURE_WRITE_PATIENCE = Duration.ofMillis(1_000);

    public static final String PROCESSORS_JSON = "PROCESSORS_JSON";
    public static final String PROCESSOR_WEBHOOKS = "PROCESSOR_WEBHOOKS";
    public static final String PROCESSOR_SECRET_PREFIX = "PROCESSOR_SECRET_PREFIX";
    public static final String PROPAGATION_QUEUE_URL = "PROPAGATION_QUEUE_URL";
    public static final String SUPPRESSION_ON_CAPTURE = "SUPPRESSION_ON_CAPTURE";

    /** The template's defaults (ComplaintAcknowledgementHours, PrivacyProofRetention ...). */
    public static final Duration DEFAULT_COMPLAINT_ACKNOWLEDGEMENT =
            Deadlines.DEFAULT_ACKNOWLEDGEMENT;

    public static final String DEFAULT_PRIVACY_PROOF_RETENTION = "P3Y";
    public static final String DEFAULT_WITHDRAWAL_PROOF_RETENTION = "P3Y";
    public static final String DEFAULT_AUDIT_RETENTION = "P6Y";
    public static final Duration DEFAULT_DISPATCH_SWEEP_AFTER = Duration.ofMinutes(2);

    private final Map<String, String> env;
    private final Duration complaintAcknowledgement;
    private final RetentionPolicy privacyProofRetention;
    private final RetentionPolicy withdrawalProofRetention;
    private final RetentionPolicy auditRetention;

    public Settings(Map<String, String> env) {
        this.env = env;
        this.complaintAcknowledgement = hours(COMPLAINT_ACK_HOURS);
        this.privacyProofRetention =
                retention(PRIVACY_PROOF_RETENTION, DEFAULT_PRIVACY_PROOF_RETENTION);
        this.withdrawalProofRetention =
                retention(WITHDRAWAL_PROOF_RETENTION, DEFAULT_WITHDRAWAL_PROOF_RETENTION);
        this.auditRetention = retention(AUDIT_RETENTION, DEFAULT_AUDIT_RETENTION);
    }

    public String consentTable() {
        return required(CONSENT_TABLE);
    }

    /**
     * The receipt keys table (crypto-shredding): short point-in-time recovery, wrapped keys only.
     */
    public String keysTable() {
        return required(KEYS_TABLE);
    }

    public String kmsKeyId() {
        return required(KMS_KEY_ID);
    }

    public String privacyRequestsTable() {
        return required(PRIVACY_REQUESTS_TABLE);
    }

    public String auditTable() {
        return required(AUDIT_TABLE);
    }

    /** The hash-chained ledger of privacy events and staff actions. */
    public String ledgerTable() {
        return required(LEDGER_TABLE);
    }

    /** The consent figures' sharded counters. */
    public String figuresTable() {
        return required(FIGURES_TABLE);
    }

    /**
     * The dead-letter and on-failure queues the monthly report shows: {@code name=url} pairs,
     * separated by spaces; empty when not set.
     */
    public String deadLetterQueues() {
        return optional(DEAD_LETTER_QUEUES).orElse("");
    }

    /** Where the monthly review reports are written (SSE-KMS). */
    public String reportsBucket() {
        return required(REPORTS_BUCKET);
    }

    /** Set only for the functions that file deletions. */
    public Optional<String> deletionQueueUrl() {
        return optional(DELETION_QUEUE_URL);
    }

    /** Set only for the functions that file complaints. */
    /**
     * Where captures are held while the consent table throttles; none: a throttled capture gets
     * 503.
     */
    public Optional<String> captureBufferQueueUrl() {
        return optional(CAPTURE_BUFFER_QUEUE_URL);
    }

    public Optional<String> complaintQueueUrl() {
        return optional(COMPLAINT_QUEUE_URL);
    }

    /**
     * Whether captures for marketing are screened against the suppression list ({@code flag});
     * {@code off} (the default) costs captures nothing.
     */
    public boolean suppressionOnCapture() {
        String value = optional(SUPPRESSION_ON_CAPTURE).orElse("off");
        return switch (value) {
            case "off" -> false;
            case "flag" -> true;
            default ->
                    throw new InvalidSettingException(
                            SUPPRESSION_ON_CAPTURE + " must be off or flag (default off)");
        };
    }

    /** Set only for the functions that queue processor notices. */
    public Optional<String> propagationQueueUrl() {
        return optional(PROPAGATION_QUEUE_URL);
    }

    /**
     * Set for the functions that tell processors: their signing secrets are named {@code
     * <prefix><processor id>} in Secrets Manager. Unset, erasure tells nobody (nothing to sign
     * with).
     */
    public Optional<String> processorSecretPrefix() {
        return optional(PROCESSOR_SECRET_PREFIX);
    }

    /**
     * The processors register: {@code PROCESSORS_JSON} over the shipped processors.json, with the
     * deployment's webhook URLs ({@code PROCESSOR_WEBHOOKS}, {@code {"id": "https://..."}}).
     */
    public Processors processors() {
        try {
            return Processors.load(
                    optional(PROCESSORS_JSON).orElse(null),
                    optional(PROCESSOR_WEBHOOKS).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    PROCESSORS_JSON + "/" + PROCESSOR_WEBHOOKS + ": " + e.getMessage());
        }
    }

    /** The data controller the receipts name; every receipt must name one. */
    public Controller controller() {
        return new Controller(
                requiredForReceipts(CONTROLLER_NAME),
                requiredForReceipts(CONTROLLER_CONTACT),
                requiredForReceipts(CONTROLLER_POLICY_URL));
    }

    /**
     * The purposes catalogue: {@code PURPOSES_JSON} (inline) over {@code PURPOSES_FILE} (a path)
     * over the shipped default.
     */
    public PurposeCatalogue purposes() {
        Optional<String> inline = optional(PURPOSES_JSON);
        if (inline.isPresent()) {
            return PurposeCatalogue.parse(inline.get(), PURPOSES_JSON);
        }
        Optional<String> file = optional(PURPOSES_FILE);
        if (file.isPresent()) {
            try {
                return PurposeCatalogue.parse(Files.readString(Path.of(file.get())), file.get());
            } catch (IOException e) {
                throw new CatalogueException(
                        "cannot read purposes catalogue "
                                + file.get()
                                + " ("
                                + PURPOSES_FILE
                                + "): "
                                + e.getClass().getSimpleName());
            }
        }
        return PurposeCatalogue.defaults();
    }

    /**
     * The jurisdiction packs, with the fallback {@code FALLBACK_JURISDICTION} names for codes they
     * do not support (unset or blank: none, such codes are refused). Checked whole at start: a bad
     * pack or fallback stops the function with a message naming the entry.
     */
    public Jurisdictions jurisdictions() {
        Jurisdictions packs = Jurisdictions.standard();
        try {
            return packs.withFallback(optional(FALLBACK_JURISDICTION).orElse(null));
        } catch (Jurisdictions.InvalidPackException e) {
            throw new InvalidSettingException(FALLBACK_JURISDICTION + ": " + e.getMessage());
        }
    }

    /** How long a complaint may wait for its acknowledgement (default 72 hours). */
    public Duration complaintAcknowledgement() {
        return complaintAcknowledgement;
    }

    /** How long the proof of a completed or closed privacy request is kept (default P3Y). */
    public RetentionPolicy privacyProofRetention() {
        return privacyProofRetention;
    }

    /** How long the proof of a withdrawal is kept (default P3Y). */
    public RetentionPolicy withdrawalProofRetention() {
        return withdrawalProofRetention;
    }

    /** How long the retention audit's entries are kept (default P6Y). */
    public RetentionPolicy auditRetention() {
        return auditRetention;
    }

    /**
     * How long a filed request may wait for the stream's dispatcher before the sweeper queues it
     * (default PT2M). Read when asked: only the sweeper needs it.
     */
    public Duration dispatchSweepAfter() {
        Optional<String> value = optional(DISPATCH_SWEEP_AFTER);
        if (value.isEmpty()) {
            return DEFAULT_DISPATCH_SWEEP_AFTER;
        }
        try {
            Duration after = Duration.parse(value.get().strip());
            if (!after.isNegative() && !after.isZero()) {
                return after;
            }
        } catch (RuntimeException e) {
            // reported below, without the value
        }
        throw new InvalidSettingException(
                DISPATCH_SWEEP_AFTER + " must be a positive ISO-8601 duration such as PT2M");
    }

    /**
     * Where the person's browser reaches this API (e.g. {@code https://consent.example.com}), the
     * base of every link a message carries; without a trailing slash. Empty (template parameter
     * {@code PublicBaseUrl} left blank): the caller uses the API's own URL.
     */
    public Optional<String> publicBaseUrl() {
        Optional<String> value = optional(PUBLIC_BASE_URL).map(String::strip);
        if (value.isEmpty()) {
            return value;
        }
        String url = value.get();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null) {
                return Optional.of(url);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new InvalidSettingException(
                PUBLIC_BASE_URL
                        + " must be an http(s) URL without query or fragment, such as"
                        + " https://consent.example.com");
    }

    /** The address emails come from, of a verified SES identity; set for the sender only. */
    public String senderAddress() {
        return required(SENDER_ADDRESS);
    }

    /**
     * How long a throttled capture is retried before it is held on the capture buffer and answered
     * 202 (milliseconds, 100 to 10000; default 1000). The local test harness raises it so a slow
     * local cloud does not turn a 201 into a 202.
     */
    public Duration captureWritePatience() {
        Optional<String> value = optional(CAPTURE_WRITE_PATIENCE_MS);
        if (value.isEmpty()) {
            return DEFAULT_CAPTURE_WRITE_PATIENCE;
        }
        try {
            long millis = Long.parseLong(value.get().strip());
            if (millis >= 100 && millis <= 10_000) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below, without the value
        }
        throw new InvalidSettingException(
                CAPTURE_WRITE_PATIENCE_MS
                        + " must be a whole number of milliseconds from 100 to 10000 (default"
                        + " 1000)");
    }

    /**
     * How long a purpose may wait for its double opt-in confirmation before it and the fields held
     * for it expire (whole days, 1 to 30; default 7).
     */
    public Duration confirmationWindow() {
        return days(CONFIRMATION_WINDOW_DAYS, DEFAULT_CONFIRMATION_WINDOW_DAYS, 30);
    }

    /**
     * How long a processor has to acknowledge a withdrawal's notice: a target the deployment sets
     * ({@code WITHDRAWAL_NOTICE_DAYS}, 1 to 366, default 30), since the law names no period (see
     * {@link WithdrawalPropagation#DEFAULT_TARGET}).
     */
    public Duration withdrawalNoticeTarget() {
        return days(
                WITHDRAWAL_NOTICE_DAYS, (int) WithdrawalPropagation.DEFAULT_TARGET.toDays(), 366);
    }

    /** A whole number of days from 1 to {@code max}, or {@code defaultDays} when unset. */
    private Duration days(String name, int defaultDays, int max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return Duration.ofDays(defaultDays);
        }
        try {
            long days = Long.parseLong(value.get().strip());
            if (days >= 1 && days <= max) {
                return Duration.ofDays(days);
            }
        } catch (NumberFormatException e) {
            // reported below, without the value
        }
        throw new InvalidSettingException(
                name
                        + " must be a whole number of days from 1 to "
                        + max
                        + " (default "
                        + defaultDays
                        + ")");
    }

    private Duration hours(String name) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return DEFAULT_COMPLAINT_ACKNOWLEDGEMENT;
        }
        try {
            long hours = Long.parseLong(value.get().strip());
            if (hours > 0 && hours <= 24L * 366) {
                return Duration.ofHours(hours);
            }
        } catch (NumberFormatException e) {
            // reported below, without the value
        }
        throw new InvalidSettingException(
                name + " must be a whole number of hours from 1 to 8784 (default 72)");
    }

    private RetentionPolicy retention(String name, String defaultValue) {
        String value = optional(name).orElse(defaultValue);
        try {
            return RetentionPolicy.parse(value.strip());
        } catch (RuntimeException e) {
            throw new InvalidSettingException(
                    name
                            + " must be a positive ISO-8601 period such as P3Y or P18M (default "
                            + defaultValue
                            + ")");
        }
    }

    private String required(String name) {
        return optional(name).orElseThrow(() -> new InvalidSettingException(name + " is not set"));
    }

    private String requiredForReceipts(String name) {
        return optional(name)
                .orElseThrow(
                        () ->
                                new InvalidSettingException(
                                        name
                                                + " is not set: the receipt must name the data controller"));
    }

    /** A set, non-blank value; a blank one counts as unset (a template parameter left empty). */
    private Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
