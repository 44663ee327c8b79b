package dev.consentvault.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local outbox: every message the sender function sent through the local cloud's SES and SNS,
 * newest first, as JSON ({@code GET /_local/outbox}: to, subject, text, links, code, sentAt) and as
 * a page ({@code /_local/outbox.html}). It reads what moto recorded ({@code
 * /moto-api/sent-messages}, added by infrastructure/local_moto.py), so what it lists is what the
 * local cloud accepted, not what the code meant to send. Local runs only: it shows addresses.
 */
public final class LocalOutbox {

    public static final String JSON_PATH = "/_local/outbox";
    public static final String PAGE_PATH = "/_local/outbox.html";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");
    // a 6-digit code standing alone, not part of an id
    private static final Pattern CODE = Pattern.compile("(?<![\\w-])\\d{6}(?![\\w-])");

    private final URI sentMessages;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param cloudEndpoint the local cloud's endpoint (AWS_ENDPOINT_URL)
     */
    public LocalOutbox(URI cloudEndpoint) {
        this.sentMessages = cloudEndpoint.resolve("/moto-api/sent-messages");
    }

    /** The messages, newest first. */
    public ArrayNode messages() throws IOException {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(sentMessages)
                                    .timeout(Duration.ofSeconds(5))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(
                    "the local cloud keeps no sent messages (status "
                            + response.statusCode()
                            + "); the local outbox needs the moto local cloud");
        }
        JsonNode sent = JSON.readTree(response.body());
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode m : sent) {
            ObjectNode message = JSON.createObjectNode();
            message.put("channel", m.path("channel").asText());
            message.put("to", String.join(", ", texts(m.path("to"))));
            if (m.path("subject").isTextual()) {
                message.put("subject", m.get("subject").asText());
            } else {
                message.putNull("subject");
            }
            String text = m.path("text").asText();
            message.put("text", text);
            ArrayNode links = message.putArray("links");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                links.add(link.group());
            }
            Matcher code = CODE.matcher(LINK.matcher(text).replaceAll(" "));
            if (code.find()) {
                message.put("code", code.group());
            } else {
                message.putNull("code");
            }
            message.put("sentAt", m.path("sentAt").asText());
            out.add(message);
        }
        ArrayNode newestFirst = JSON.createArrayNode();
        for (int i = out.size() - 1; i >= 0; i--) {
            newestFirst.add(out.get(i));
        }
        return newestFirst;
    }

    public byte[] json() throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(messages());
    }

    public byte[] page() throws IOException {
        StringBuilder html =
                new StringBuilder(
                        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                + "<title>Local outbox</title><style>body{font-family:system-ui,"
                                + "sans-serif;margin:2rem;max-width:60rem}article{border:1px solid"
                                + " #ccc;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}"
                                + "pre{white-space:pre-wrap}small{color:#666}</style></head><body>"
                                + "<h1>Local outbox</h1><p>Every email and SMS the local run sent,"
                                + " newest first (JSON: <a href=\"/_local/outbox\">/_local/outbox"
                                + "</a>). Reload to see new ones.</p>");
        ArrayNode messages = messages();
        if (messages.isEmpty()) {
            html.append("<p><em>Nothing sent yet.</em></p>");
        }
        for (JsonNode m : messages) {
            html.append("<article><small>")
                    .append(escape(m.get("channel").asText().toUpperCase()))
                    .append(" to ")
                    .append(escape(m.get("to").asText()))
                    .append(" at ")
                    .append(escape(m.get("sentAt").asText()))
                    .append("</small>");
            if (m.get("subject").isTextual()) {
                html.append("<h2>").append(escape(m.get("subject").asText())).append("</h2>");
            }
            String text = escape(m.get("text").asText());
            // links become clickable; they were escaped as text first
            text =
                    LINK.matcher(text)
                            .replaceAll(r -> "<a href=\"" + r.group() + "\">" + r.group() + "</a>");
            html.append("<pre>").append(text).append("</pre>");
            if (m.get("code").isTextual()) {
                html.append("<p>Code: <strong>")
                        .append(escape(m.get("code").asText()))
                        .append("</strong></p>");
            }
            html.append("</article>");
        }
        return html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
