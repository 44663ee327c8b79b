package dev.consentvault.support;

import dev.consentvault.core.config.InvalidSettingException;
import dev.consentvault.core.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Which deployment to talk to and as whom: the stack, region, profile and endpoint, resolved from
 * the global options over the environment, the way the AWS CLI resolves them (options first). The
 * stack's parameters that matter to staff commands ({@code COMPLAINT_ACK_HOURS}, {@code
 * PRIVACY_PROOF_RETENTION}) are read through {@link Settings}, as the functions read them.
 */
record Target(
        StackNames names, String region, String profile, String endpointUrl, Settings settings) {

    private static final Pattern STACK = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]{1,12}){1,4}");
    private static final String DEFAULT_REGION = "us-east-1";

    static Target resolve(Cli tool, Map<String, String> env) throws UsageException {
        String stack = Optional.ofNullable(tool.stack).orElse(StackNames.LOCAL_STACK);
        if (!STACK.matcher(stack).matches()) {
            throw new UsageException(
                    "--stack must be a CloudFormation stack name (letters, digits, hyphens)");
        }
        String endpoint = Optional.ofNullable(tool.endpointUrl).orElse(env.get("AWS_ENDPOINT_URL"));
        if (endpoint != null && !endpoint.isBlank()) {
            checkEndpoint(endpoint);
        }
        String profile = tool.profile;
        String region =
                Optional.ofNullable(tool.region)
                        .orElse(firstSet(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")));
        if (profile != null || region == null) {
            Optional<ProfileFile> profiles = profiles(profile != null);
            if (profile != null && profiles.flatMap(p -> p.profile(profile)).isEmpty()) {
                throw new UsageException(
                        "--profile " + profile + " is not in your AWS config or credentials file");
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
        if (!REGION.matcher(region).matches()) {
            // the SDK would quote a bad region back in its error, and it may be anything typed
            throw new UsageException(
                    "the region (--region, AWS_REGION or the profile's) must be an AWS region"
                            + " name such as eu-west-1");
        }
        return new Target(
                new StackNames(stack),
                region,
                profile,
                endpoint == null || endpoint.isBlank() ? null : endpoint,
                settings(env));
    }

    /** A deployment parameter set wrongly in the shell is the staff member's to fix: exit 2. */
    private static Settings settings(Map<String, String> env) throws UsageException {
        try {
            return new Settings(env);
        } catch (InvalidSettingException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void checkEndpoint(String endpoint) throws UsageException {
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
                "--endpoint-url must be an http(s) URL such as http://127.0.0.1:4566");
    }

    /**
     * The shared AWS config and credentials files; a broken one only matters when a profile was
     * asked for.
     */
    private static Optional<ProfileFile> profiles(boolean required) throws UsageException {
        try {
            return Optional.of(ProfileFile.defaultProfileFile());
        } catch (RuntimeException e) {
            if (required) {
                throw new UsageException(
                        "your AWS config or credentials file cannot be read: " + e.getMessage());
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
