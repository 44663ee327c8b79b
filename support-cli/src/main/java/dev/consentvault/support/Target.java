package dev.consentvault.support;

import dev.consentvault.core.purpose.RetentionPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Which deployment to talk to and as whom: the stack, region, profile and endpoint, resolved from
 * the global options over the environment, the way the AWS CLI resolves them (options first). Two
 * of the stack's parameters matter to staff commands and are read like the functions read them:
 * {@code COMPLAINT_ACK_HOURS} (default 72) and {@code PRIVACY_PROOF_RETENTION} (default P3Y).
 */
record Target(
        StackNames names,
        String region,
        String profile,
        String endpointUrl,
        Duration acknowledgement,
        RetentionPolicy proofRetention) {

    private static final Pattern STACK = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final String DEFAULT_REGION = "us-east-1";

    static Target resolve(Invocation invocation, Map<String, String> env) throws UsageException {
        CommandSpec command = invocation.command();
        String stack =
                Optional.ofNullable(invocation.global("--stack")).orElse(StackNames.LOCAL_STACK);
        if (!STACK.matcher(stack).matches()) {
            throw new UsageException(
                    "--stack must be a CloudFormation stack name (letters, digits, hyphens)",
                    command);
        }
        String endpoint =
                Optional.ofNullable(invocation.global("--endpoint-url"))
                        .orElse(env.get("AWS_ENDPOINT_URL"));
        if (endpoint != null && !endpoint.isBlank()) {
            checkEndpoint(endpoint, command);
        }
        String profile = invocation.global("--profile");
        String region =
                Optional.ofNullable(invocation.global("--region"))
                        .orElse(firstSet(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")));
        if (profile != null || region == null) {
            Optional<ProfileFile> profiles = profiles(profile != null, command);
            if (profile != null && profiles.flatMap(p -> p.profile(profile)).isEmpty()) {
                throw new UsageException(
                        "--profile " + profile + " is not in your AWS config or credentials file",
                        command);
            }
            if (region == null) {
                String profileName =
                        profile != null ? profile : env.getOrDefault("AWS_PROFILE", "default");
                region =
                        profiles.flatMap(p -> p.profile(profileName))
                                .flatMap(p -> p.property(ProfileProperty.REGION))
                                .orElse(DEFAULT_REGION);
            }
        }
        if (region.isBlank()) {
            throw new UsageException("--region must not be empty", command);
        }
        return new Target(
                new StackNames(stack),
                region,
                profile,
                endpoint == null || endpoint.isBlank() ? null : endpoint,
                acknowledgement(env, command),
                proofRetention(env, command));
    }

    private static Duration acknowledgement(Map<String, String> env, CommandSpec command)
            throws UsageException {
        try {
            long hours = Long.parseLong(env.getOrDefault("COMPLAINT_ACK_HOURS", "72").strip());
            if (hours > 0) {
                return Duration.ofHours(hours);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("COMPLAINT_ACK_HOURS must be a positive number of hours", command);
    }

    private static RetentionPolicy proofRetention(Map<String, String> env, CommandSpec command)
            throws UsageException {
        try {
            return RetentionPolicy.parse(
                    env.getOrDefault("PRIVACY_PROOF_RETENTION", "P3Y").strip());
        } catch (RuntimeException e) {
            throw new UsageException(
                    "PRIVACY_PROOF_RETENTION must be a positive ISO-8601 period such as P3Y",
                    command);
        }
    }

    private static void checkEndpoint(String endpoint, CommandSpec command) throws UsageException {
        try {
            URI uri = new URI(endpoint);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below, like any other malformed endpoint
        }
        throw new UsageException(
                "--endpoint-url must be an http(s) URL such as http://127.0.0.1:4566", command);
    }

    /**
     * The shared AWS config and credentials files; a broken one only matters when a profile was
     * asked for.
     */
    private static Optional<ProfileFile> profiles(boolean required, CommandSpec command)
            throws UsageException {
        try {
            return Optional.of(ProfileFile.defaultProfileFile());
        } catch (RuntimeException e) {
            if (required) {
                throw new UsageException(
                        "your AWS config or credentials file cannot be read: " + e.getMessage(),
                        command);
            }
            return Optional.empty();
        }
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
