package dev.consentvault.aws;

import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.propagation.Webhooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Webhook posts over the JDK's URLConnection (no extra HTTP client in the jar), with short connect
 * and read limits so a processor that hangs costs one retry, never the function's timeout.
 */
public final class HttpWebhooks implements Webhooks {

    private final Duration connectTimeout;
    private final Duration readTimeout;

    public HttpWebhooks(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    @Override
    public int post(String url, byte[] body, Map<String, String> headers) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            headers.forEach(connection::setRequestProperty);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            try (InputStream in =
                    status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (in != null) {
                    in.readNBytes(4096);
                }
            }
            return status;
        } catch (IOException | IllegalArgumentException e) {
            // the URL's host may be the processor's; the exception's text is not logged
            throw new DependencyUnavailableException(
                    "webhook post failed: " + e.getClass().getSimpleName(), e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
