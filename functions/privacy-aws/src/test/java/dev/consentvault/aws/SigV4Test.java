package dev.consentvault.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Each signature {@link SigV4} makes is the one the AWS SDK's own SigV4 signer makes of the same
 * request at the same instant: same headers signed, same Authorization, with and without a session
 * token (Lambda's credentials carry one), for DynamoDB and KMS, on AWS and on a local endpoint.
 */
class SigV4Test {

    private static final Instant NOW = Instant.parse("2026-12-07T02:30:15Z");

    @ParameterizedTest
    @CsvSource({
        "https://dynamodb.eu-west-1.amazonaws.com/, eu-west-1, dynamodb, DynamoDB_20120810.TransactWriteItems, application/x-amz-json-1.0, ",
        "https://kms.us-east-1.amazonaws.com/, us-east-1, kms, TrentService.GenerateDataKey, application/x-amz-json-1.1, IQoJb3JpZ2luX2VjEXAMPLETOKEN+/=",
        "http://127.0.0.1:4566/, eu-central-1, dynamodb, DynamoDB_20120810.GetItem, application/x-amz-json-1.0, session-token",
    })
    void signsAsTheSdkDoes(
            String endpoint,
            String region,
            String service,
            String target,
            String contentType,
            String sessionToken) {
        byte[] body =
                "{\"TableName\":\"consents\",\"Key\":{\"pk\":{\"S\":\"RECEIPT#r\"}}}"
                        .getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(endpoint);
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        SigV4.Credentials ours =
                new SigV4.Credentials(
                        "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken);

        Map<String, String> headers =
                SigV4.sign(
                        host,
                        Map.of("content-type", contentType, "x-amz-target", target),
                        body,
                        region,
                        service,
                        ours,
                        NOW);

        AwsCredentialsIdentity identity =
                sessionToken == null
                        ? AwsBasicCredentials.create(ours.accessKeyId(), ours.secretAccessKey())
                        : AwsSessionCredentials.create(
                                ours.accessKeyId(), ours.secretAccessKey(), sessionToken);
        SignedRequest sdk =
                AwsV4HttpSigner.create()
                        .sign(
                                r ->
                                        r.identity(identity)
                                                .request(
                                                        SdkHttpRequest.builder()
                                                                .method(SdkHttpMethod.POST)
                                                                .uri(uri)
                                                                .putHeader(
                                                                        "Content-Type", contentType)
                                                                .putHeader("X-Amz-Target", target)
                                                                .build())
                                                .payload(ContentStreamProvider.fromByteArray(body))
                                                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                                                .putProperty(
                                                        AwsV4HttpSigner.SERVICE_SIGNING_NAME,
                                                        service)
                                                .putProperty(
                                                        HttpSigner.SIGNING_CLOCK,
                                                        Clock.fixed(NOW, ZoneOffset.UTC)));

        assertEquals(
                sdk.request().firstMatchingHeader("Authorization").orElseThrow(),
                headers.get("authorization"));
        assertEquals(
                sdk.request().firstMatchingHeader("X-Amz-Date").orElseThrow(),
                headers.get("x-amz-date"));
        assertEquals(
                sdk.request().firstMatchingHeader("X-Amz-Security-Token").orElse(null),
                headers.get("x-amz-security-token"));
    }

    @ParameterizedTest
    @CsvSource({"body", "region", "secret", "instant"})
    void anyChangeToWhatIsSignedChangesTheSignature(String changed) {
        SigV4.Credentials credentials = new SigV4.Credentials("AKIDEXAMPLE", "secret", null);
        Map<String, String> base =
                SigV4.sign(
                        "kms.eu-west-1.amazonaws.com",
                        Map.of("x-amz-target", "TrentService.Decrypt"),
                        new byte[] {1},
                        "eu-west-1",
                        "kms",
                        credentials,
                        NOW);
        Map<String, String> other =
                SigV4.sign(
                        "kms.eu-west-1.amazonaws.com",
                        Map.of("x-amz-target", "TrentService.Decrypt"),
                        changed.equals("body") ? new byte[] {2} : new byte[] {1},
                        changed.equals("region") ? "eu-west-2" : "eu-west-1",
                        "kms",
                        changed.equals("secret")
                                ? new SigV4.Credentials("AKIDEXAMPLE", "secret2", null)
                                : credentials,
                        changed.equals("instant") ? NOW.plusSeconds(1) : NOW);

        assertNotEquals(base.get("authorization"), other.get("authorization"));
        assertFalse(credentials.toString().contains("secret"), "the secret is never in a log line");
    }
}
