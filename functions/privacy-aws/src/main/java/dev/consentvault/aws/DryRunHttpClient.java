package dev.consentvault.aws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that sends nothing: every request, once marshalled and signed, is answered here
 * with an empty JSON success. Priming before a SnapStart snapshot goes through the SDK's whole
 * write path with it (marshalling, signing, interceptors, unmarshalling) while nothing reaches the
 * table.
 */
final class DryRunHttpClient implements SdkHttpClient {

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(
                                SdkHttpResponse.builder()
                                        .statusCode(200)
                                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                                        .putHeader("Content-Length", Integer.toString(body.length))
                                        .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public void close() {}
}
