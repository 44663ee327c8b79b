package dev.consentvault.support;

import dev.consentvault.core.consent.Identifiers;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.core.purpose.PersonalField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks of what staff typed, made before anything talks to AWS. Messages name the option and
 * the form it needs, never the value: it may be someone's email address.
 */
final class Checks {

    /** Who a deletion or export is about: a normalised identifier, or a receipt id. */
    record Subject(PersonalField field, String identifier, String receiptId) {}

    static final int MAX_MESSAGE = 4000;
    static final int MAX_TEXT = 500;

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");

    private Checks() {}

    /** Exactly one of --email, --phone, --receipt. */
    static Subject subject(String email, String phone, String receipt) throws UsageException {
        List<String> given = new ArrayList<>();
        if (email != null) {
            given.add("--email");
        }
        if (phone != null) {
            given.add("--phone");
        }
        if (receipt != null) {
            given.add("--receipt");
        }
        if (given.size() != 1) {
            throw new UsageException(
                    given.isEmpty()
                            ? "name the subject with --email, --phone or --receipt"
                            : "name the subject with one of --email, --phone, --receipt, not "
                                    + String.join(" and ", given));
        }
        if (email != null) {
            return new Subject(
                    PersonalField.EMAIL,
                    Identifiers.email(email)
                            .orElseThrow(
                                    () -> new UsageException("--email is not an email address")),
                    null);
        }
        if (phone != null) {
            return new Subject(
                    PersonalField.PHONE,
                    Identifiers.phone(phone)
                            .orElseThrow(
                                    () ->
                                            new UsageException(
                                                    "--phone is not an international phone number (+ and country code, e.g. +34600000000)")),
                    null);
        }
        return new Subject(null, null, receiptId(receipt));
    }

    /** Kept as given (the complaint processor normalises it), but it must be answerable. */
    static String contact(String contact) throws UsageException {
        if (contact == null) {
            return null;
        }
        String stripped = contact.strip();
        if (Identifiers.email(stripped).isEmpty() && Identifiers.phone(stripped).isEmpty()) {
            throw new UsageException(
                    "--contact must be an email address or an international phone number");
        }
        return stripped;
    }

    static String receiptId(String value) throws UsageException {
        String id = value.strip().toLowerCase(Locale.ROOT);
        if (!UUID_FORM.matcher(id).matches()) {
            throw new UsageException("--receipt must be a receipt id (a UUID such as 3f0c…-…)");
        }
        return id;
    }

    static String requestId(String value) throws UsageException {
        String id = value.strip().toLowerCase(Locale.ROOT);
        if (!UUID_FORM.matcher(id).matches()) {
            throw new UsageException(
                    "REQUEST_ID must be a request id (a UUID, as request-deletion printed it)");
        }
        return id;
    }

    /** The jurisdiction, upper-cased; null when absent and not required (a receipt gives it). */
    static String jurisdiction(String value, boolean required) throws UsageException {
        if (value == null) {
            if (required) {
                throw new UsageException("--jurisdiction is required (EU, GB, US-CA ...)");
            }
            return null;
        }
        String jurisdiction = value.strip().toUpperCase(Locale.ROOT);
        if (!LegalRegime.JURISDICTION.matcher(jurisdiction).matches()) {
            throw new UsageException(
                    "--jurisdiction must be an ISO 3166 code such as EU, GB or US-CA");
        }
        Jurisdictions packs = Jurisdictions.standard();
        if (!packs.supports(jurisdiction)) {
            throw new UsageException("--jurisdiction " + packs.unsupported());
        }
        return jurisdiction;
    }

    /** Free text: stripped, not empty, at most {@code max} characters. */
    static String text(String option, String value, int max, boolean required)
            throws UsageException {
        if (value == null) {
            if (required) {
                throw new UsageException(option + " is required");
            }
            return null;
        }
        if (value.isBlank()) {
            throw new UsageException(option + " must not be empty");
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new UsageException(option + " is longer than " + max + " characters");
        }
        return text;
    }

    /** A flag a command cannot do without: the message says what to do first. */
    static void confirmed(boolean given, String message) throws UsageException {
        if (!given) {
            throw new UsageException(message);
        }
    }

    /**
     * Who is acting, recorded on what they file or open: --staff-id, else the login name ($USER).
     */
    static String staff(String staffId, Map<String, String> env) throws UsageException {
        String staff = staffId;
        String from = "--staff-id";
        if (staff == null) {
            staff = env.get("USER");
            from = "$USER (your staff id when --staff-id is not given)";
        }
        if (staff == null || staff.isBlank()) {
            throw new UsageException(
                    "--staff-id is required: this command records who ran it, and $USER is not set");
        }
        if (!STAFF_ID.matcher(staff).matches()) {
            throw new UsageException(from + " must be 1 to 64 letters, digits or . _ @ + -");
        }
        return "staff:" + staff;
    }

    /** "5000/s" or "5000": sign-ups per second, 1 to 1,000,000. */
    static long rate(String value) throws UsageException {
        String digits = value == null ? "" : value.trim().replaceFirst("/s$", "");
        if (!digits.matches("[0-9]{1,7}")
                || Long.parseLong(digits) < 1
                || Long.parseLong(digits) > 1_000_000) {
            throw new UsageException(
                    "--expect must be sign-ups per second from 1 to 1000000, e.g. 5000/s");
        }
        return Long.parseLong(digits);
    }
}
